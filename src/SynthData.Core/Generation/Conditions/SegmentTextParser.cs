using System.Globalization;
using System.Text.RegularExpressions;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// Reads the CLI's condition and proportion texts. Conditions: <c>COL = V</c>, <c>COL in (A, B)</c>,
/// <c>COL between LO and HI</c>, <c>COL &lt; V</c> (also &lt;=, &gt;, &gt;=), <c>COL is missing</c>, <c>COL is not missing</c>.
/// Proportions: <c>COL = V: SHARE</c> with SHARE as 0.5 or 50%. Values may be quoted ('a b' or "a b"); range bounds
/// are numbers or dates (ISO 8601, read as UTC). Whether a column takes labels, numbers or dates is checked later,
/// against the model (<see cref="SegmentCompiler"/>).
/// </summary>
public static partial class SegmentTextParser
{
    const string Column = @"(?<column>[A-Za-z_][\w.\-]*|""[^""]+""|`[^`]+`)";

    [GeneratedRegex(@"^\s*" + Column + @"\s+is\s+(?<not>not\s+)?(missing|null)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"^\s*" + Column + @"\s+between\s+(?<low>.+?)\s+and\s+(?<high>.+?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BetweenPattern();

    [GeneratedRegex(@"^\s*" + Column + @"\s+in\s*\((?<values>.*)\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex InPattern();

    [GeneratedRegex(@"^\s*" + Column + @"\s*(?<op><=|>=|==|=|<|>)\s*(?<value>.+?)\s*$")]
    private static partial Regex ComparisonPattern();

    /// <summary>Reads one condition text; throws <see cref="SegmentSyntaxException"/> when it has none of the accepted shapes.</summary>
    public static SegmentCondition ParseCondition(string text)
    {
        Match m;
        if ((m = MissingPattern().Match(text)).Success)
            return new MissingCondition(ColumnOf(m), !m.Groups["not"].Success);
        if ((m = BetweenPattern().Match(text)).Success)
        {
            var (low, lowIsDate) = Bound(m.Groups["low"].Value, text);
            var (high, highIsDate) = Bound(m.Groups["high"].Value, text);
            if (lowIsDate != highIsDate) throw Invalid(text, "both ends of 'between' must be numbers, or both dates");
            if (low > high) throw Invalid(text, "the lower end of 'between' is above the upper end");
            return new RangeCondition(ColumnOf(m), new RangeBound(low, true), new RangeBound(high, true), lowIsDate);
        }
        if ((m = InPattern().Match(text)).Success)
        {
            var values = SplitList(m.Groups["values"].Value).Select(Unquote).ToArray();
            if (values.Length == 0 || values.Any(v => v.Length == 0)) throw Invalid(text, "'in' needs a list of values, e.g. job in (student, retired)");
            return new InSetCondition(ColumnOf(m), values);
        }
        if ((m = ComparisonPattern().Match(text)).Success)
        {
            string op = m.Groups["op"].Value, value = m.Groups["value"].Value;
            if (op is "=" or "==") return new InSetCondition(ColumnOf(m), [Unquote(value)]);
            var (bound, isDate) = Bound(value, text);
            return op switch
            {
                "<" => new RangeCondition(ColumnOf(m), null, new RangeBound(bound, false), isDate),
                "<=" => new RangeCondition(ColumnOf(m), null, new RangeBound(bound, true), isDate),
                ">" => new RangeCondition(ColumnOf(m), new RangeBound(bound, false), null, isDate),
                _ => new RangeCondition(ColumnOf(m), new RangeBound(bound, true), null, isDate),
            };
        }
        throw Invalid(text, "expected COLUMN = VALUE, COLUMN in (A, B), COLUMN between LOW and HIGH, COLUMN < VALUE (or <=, >, >=), " +
                            "COLUMN is missing or COLUMN is not missing");
    }

    /// <summary>Reads one <c>COL = V: SHARE</c> text (SHARE as a fraction or a percentage).</summary>
    public static TargetProportion ParseProportion(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon < 0) throw InvalidProportion(text, "expected COLUMN = VALUE: SHARE, e.g. y = yes: 0.5");
        string shareText = text[(colon + 1)..].Trim();
        bool percent = shareText.EndsWith('%');
        if (!double.TryParse(percent ? shareText[..^1] : shareText, NumberStyles.Float, CultureInfo.InvariantCulture, out double share))
            throw InvalidProportion(text, "the share must be a number such as 0.5 or 50%");
        if (percent) share /= 100;
        if (ParseCondition(text[..colon]) is not InSetCondition { Values.Count: 1 } equal)
            throw InvalidProportion(text, "expected COLUMN = VALUE before the colon");
        return new TargetProportion(equal.Column, equal.Values[0], share);
    }

    static string ColumnOf(Match m) => Unquote(m.Groups["column"].Value.Trim('`'));

    static (double Value, bool IsDate) Bound(string text, string condition)
    {
        string value = Unquote(text.Trim());
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)) return (number, false);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return (date.ToUnixTimeMilliseconds() / 1000.0, true);
        throw Invalid(condition, $"'{value}' is neither a number nor a date (use e.g. 42, -1.5 or 2009-01-31)");
    }

    /// <summary>Splits at commas outside quotes.</summary>
    static IEnumerable<string> SplitList(string list)
    {
        var current = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (char ch in list)
        {
            if (quote != '\0') { if (ch == quote) quote = '\0'; current.Append(ch); }
            else if (ch is '\'' or '"') { quote = ch; current.Append(ch); }
            else if (ch == ',') { yield return current.ToString().Trim(); current.Clear(); }
            else current.Append(ch);
        }
        if (current.Length > 0 || list.Contains(',')) yield return current.ToString().Trim();
    }

    static string Unquote(string value)
    {
        value = value.Trim();
        return value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0] ? value[1..^1] : value;
    }

    static SegmentSyntaxException Invalid(string text, string problem) => new($"--where \"{text}\": {problem}.");
    static SegmentSyntaxException InvalidProportion(string text, string problem) => new($"--proportion \"{text}\": {problem}.");
}
