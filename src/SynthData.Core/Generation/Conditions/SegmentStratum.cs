namespace SynthData.Core.Generation.Conditions;

/// <summary>One stratum of a compiled segment: a share of the rows and the head constraints every one of them meets.</summary>
public sealed record SegmentStratum(double Share, IReadOnlyList<HeadConstraint> Constraints, string Description);
