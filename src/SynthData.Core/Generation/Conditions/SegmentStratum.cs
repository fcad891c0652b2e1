namespace SynthData.Core.Generation.Conditions;

/// <summary>One stratum of a compiled segment: a share of the rows and the head constraints every one of them meets.</summary>
/// <param name="Share">Fraction of the requested rows drawn from this stratum.</param>
/// <param name="Constraints">Head constraints every row of the stratum meets.</param>
/// <param name="Description">The stratum's conditions as text, for messages and the footer.</param>
public sealed record SegmentStratum(double Share, IReadOnlyList<HeadConstraint> Constraints, string Description);
