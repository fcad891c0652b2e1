namespace SynthData.Core.Audits;

/// <summary>The (epsilon, delta) differential-privacy guarantee the accountant certified for the release.</summary>
/// <param name="Replayable">True for a reproducible-mode model: the figures are nominal (NOT PRIVATE), and no policy releases it.</param>
public sealed record TheoreticalGuarantee(double Epsilon, double Delta, string Accountant, bool Replayable = false);
