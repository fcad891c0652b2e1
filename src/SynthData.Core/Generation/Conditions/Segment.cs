namespace SynthData.Core.Generation.Conditions;

/// <summary>A segment request: conditions every row satisfies (AND) and optional target proportions of one column.</summary>
/// <param name="Conditions">Conditions every generated row meets.</param>
/// <param name="Proportions">Target shares of one column's values; empty for none.</param>
public sealed record Segment(IReadOnlyList<SegmentCondition> Conditions, IReadOnlyList<TargetProportion> Proportions)
{
    /// <summary>True when the request constrains nothing: plain unconditional generation.</summary>
    public bool IsEmpty => Conditions.Count == 0 && Proportions.Count == 0;
}
