using System.Globalization;

namespace SynthData.Cli.Output;

/// <summary>One column of a drift check as printed: distance ("TV" or "KS"), observed value, interval and status.</summary>
public sealed record DriftRow(string Column, string Distance, double Observed, double Lower, double Upper, string Status);

/// <summary>The per-column table of a drift check, the same for a local check and a server's.</summary>
public static class DriftTable
{
    public static void Print(TextWriter stdout, IReadOnlyList<DriftRow> rows)
    {
        int width = Math.Max(6, rows.Count == 0 ? 0 : rows.Max(x => x.Column.Length));
        stdout.WriteLine($"{"column".PadRight(width)}  distance  observed  interval          status");
        foreach (var row in rows)
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}  {1,-8}  {2,8:0.000}  [{3:0.000}, {4:0.000}]    {5}", row.Column.PadRight(width),
                row.Distance, row.Observed, row.Lower, row.Upper, row.Status));
    }
}
