using System.Globalization;

namespace SynthData.Core.Tabular.Loading;

/// <summary>
/// How cell text is read as numbers, instants and booleans, shared by inference and loading so
/// that a column inferred as a kind also loads as that kind. Invariant culture throughout.
/// </summary>
public static class CellText
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Tokens that mean "missing" when no schema says otherwise (an empty cell always does).</summary>
    public static IReadOnlyList<string> DefaultMissingTokens { get; } = ["", "NA", "N/A", "null", "NULL", "?", "NaN"];

    /// <summary>ISO 8601 date and date-time shapes accepted when a column declares no format.</summary>
    public static IReadOnlyList<string> IsoFormats { get; } =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK",
    ];

    /// <summary>Format recorded for columns whose values are all dates without a time.</summary>
    public const string DateOnlyFormat = "yyyy-MM-dd";

    const DateTimeStyles UtcStyles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal
        | DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite;

    /// <summary>Parses a finite number in invariant culture (exponents allowed); infinities and NaN fail.</summary>
    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, Invariant, out value) && double.IsFinite(value);

    /// <summary>Parses a whole number in invariant culture.</summary>
    public static bool TryParseLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, Invariant, out value);

    /// <summary>Parses an instant (no offset = UTC) as seconds since the Unix epoch.</summary>
    public static bool TryParseUnixSeconds(string text, string? format, out double seconds)
    {
        bool parsed = format is null
            ? DateTime.TryParseExact(text, IsoFormats as string[] ?? IsoFormats.ToArray(), Invariant, UtcStyles, out var instant)
            : DateTime.TryParseExact(text, format, Invariant, UtcStyles, out instant);
        seconds = parsed ? ToUnixSeconds(instant) : double.NaN;
        return parsed;
    }

    /// <summary>A UTC instant as (fractional) seconds since the Unix epoch.</summary>
    public static double ToUnixSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>Seconds since the Unix epoch back to a UTC instant, to the nearest tick.</summary>
    public static DateTime FromUnixSeconds(double seconds) =>
        DateTime.UnixEpoch.AddTicks(checked((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));

    /// <summary>True if the text is a date without a time part.</summary>
    public static bool IsDateOnly(string text) =>
        DateTime.TryParseExact(text.Trim(), DateOnlyFormat, Invariant, DateTimeStyles.None, out _);
}
