using System.Globalization;

namespace SynthData.Cli.Bench;

/// <summary>This process's resident memory from /proc/self/status (Linux): VmRSS now and VmHWM, the peak since the process started.</summary>
public static class ProcessMemory
{
    const string StatusFile = "/proc/self/status";

    /// <returns>Bytes, or null where /proc is not available.</returns>
    public static long? ResidentBytes() => Read("VmRSS:");

    public static long? PeakResidentBytes() => Read("VmHWM:");

    /// <summary>"RSS 512 MiB, peak RSS 640 MiB", for benchmark output.</summary>
    public static string Describe(long? resident, long? peak) => $"RSS {MiB(resident)}, peak RSS {MiB(peak)}";

    public static string MiB(long? bytes) =>
        bytes is { } b ? string.Format(CultureInfo.InvariantCulture, "{0:F0} MiB", b / (1024.0 * 1024)) : "n/a (no /proc)";

    static long? Read(string field)
    {
        if (!File.Exists(StatusFile)) return null;
        foreach (var line in File.ReadLines(StatusFile))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            // "VmRSS:\t  123456 kB"
            var parts = line[field.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
        }
        return null;
    }
}
