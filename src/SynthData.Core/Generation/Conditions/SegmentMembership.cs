using System.Globalization;
using SynthData.Core.Tabular;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// Which rows of a decoded synthetic table meet a segment's conditions: the filter of rejection sampling (the
/// reference conditional generation is checked against) and the check that conditional rows meet every condition.
/// </summary>
public static class SegmentMembership
{
    /// <summary>Per row of <paramref name="table"/>, whether it meets every condition.</summary>
    public static bool[] Matches(TabularData table, IReadOnlyList<SegmentCondition> conditions)
    {
        var keep = new bool[table.RowCount];
        Array.Fill(keep, true);
        foreach (var condition in conditions)
        {
            int column = table.Schema.IndexOf(condition.Column);
            if (column < 0) throw new InvalidInputException($"The table has no column '{condition.Column}'.");
            bool numeric = table.Schema.Columns[column].IsNumeric;
            for (int r = 0; r < keep.Length; r++)
                if (keep[r]) keep[r] = numeric ? Admits(condition, table.Numeric(column)[r]) : Admits(condition, table.Labels(column)[r]);
        }
        return keep;
    }

    static bool Admits(SegmentCondition condition, double value) => condition switch
    {
        RangeCondition range => range.Admits(value),
        MissingCondition missing => double.IsNaN(value) == missing.Missing,
        InSetCondition set => !double.IsNaN(value) && set.Values.Any(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x == value),
        _ => throw new InvalidInputException($"A {condition.GetType().Name} does not apply to a numeric column."),
    };

    static bool Admits(SegmentCondition condition, string? label) => condition switch
    {
        InSetCondition set => label is not null && set.Values.Contains(label, StringComparer.Ordinal),
        NotInSetCondition set => label is null || !set.Values.Contains(label, StringComparer.Ordinal),
        MissingCondition missing => (label is null) == missing.Missing,
        _ => throw new InvalidInputException($"A {condition.GetType().Name} does not apply to a label column."),
    };
}
