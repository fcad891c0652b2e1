using System.Globalization;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// One condition of a segment request, on one column; a segment is the AND of its conditions. The variants
/// below are the only shapes a condition takes: set membership (equality is a set of one), a range, and
/// missingness. Values are the requester's own, never cells of the private table.
/// </summary>
/// <param name="Column">The column the condition is on.</param>
public abstract record SegmentCondition(string Column)
{
    /// <summary>The condition as the CLI spells it, for the governance footer and messages.</summary>
    public abstract string Describe();
}

/// <summary>The cell is one of these labels (categorical and boolean columns).</summary>
/// <param name="Column">The column the condition is on.</param>
/// <param name="Values">The labels admitted.</param>
public sealed record InSetCondition(string Column, IReadOnlyList<string> Values) : SegmentCondition(Column)
{
    /// <inheritdoc/>
    public override string Describe() =>
        Values.Count == 1 ? $"{Column} = {Values[0]}" : $"{Column} in ({string.Join(", ", Values)})";
}

/// <summary>
/// The cell lies in a range (numeric columns; datetime columns with <see cref="IsDateTime"/>, bounds as Unix
/// seconds). A null bound is open. A range also requires the cell to be present.
/// </summary>
/// <param name="Column">The column the condition is on.</param>
/// <param name="Min">Lower bound, or null for none.</param>
/// <param name="Max">Upper bound, or null for none.</param>
/// <param name="IsDateTime">True when the bounds are Unix seconds of a datetime column (changes only how they are shown).</param>
public sealed record RangeCondition(string Column, RangeBound? Min, RangeBound? Max, bool IsDateTime = false) : SegmentCondition(Column)
{
    /// <summary>True when <paramref name="value"/> is present and within both bounds.</summary>
    public bool Admits(double value) =>
        !double.IsNaN(value)
        && (Min is not { } lo || (lo.Inclusive ? value >= lo.Value : value > lo.Value))
        && (Max is not { } hi || (hi.Inclusive ? value <= hi.Value : value < hi.Value));

    /// <inheritdoc/>
    public override string Describe()
    {
        if (Min is { Inclusive: true } lo && Max is { Inclusive: true } hi) return $"{Column} between {Format(lo.Value)} and {Format(hi.Value)}";
        var parts = new List<string>();
        if (Min is { } min) parts.Add($"{Column} {(min.Inclusive ? ">=" : ">")} {Format(min.Value)}");
        if (Max is { } max) parts.Add($"{Column} {(max.Inclusive ? "<=" : "<")} {Format(max.Value)}");
        return parts.Count == 0 ? $"{Column} is not missing" : string.Join(" and ", parts);
    }

    string Format(double value) => FormatValue(value, IsDateTime);

    /// <summary>A bound as text: a number, or for datetime columns an ISO 8601 instant (Unix seconds underneath).</summary>
    public static string FormatValue(double value, bool isDateTime) => isDateTime
        ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The cell is missing (<see cref="Missing"/>) or present (not missing).</summary>
/// <param name="Column">The column the condition is on.</param>
/// <param name="Missing">True for "is missing", false for "is not missing".</param>
public sealed record MissingCondition(string Column, bool Missing) : SegmentCondition(Column)
{
    /// <inheritdoc/>
    public override string Describe() => Missing ? $"{Column} is missing" : $"{Column} is not missing";
}
