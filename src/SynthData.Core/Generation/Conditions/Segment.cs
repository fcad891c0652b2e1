namespace SynthData.Core.Generation.Conditions;

/// <summary>A segment request: conditions every row satisfies (AND) and optional target proportions of one column.</summary>
public sealed record Segment(IReadOnlyList<SegmentCondition> Conditions, IReadOnlyList<TargetProportion> Proportions)
{
    public bool IsEmpty => Conditions.Count == 0 && Proportions.Count == 0;
}
