namespace SynthData.Core.Audits;

/// <summary>The (epsilon, delta) differential-privacy guarantee the accountant certified for the release.</summary>
/// <param name="Epsilon">Privacy loss bound epsilon.</param>
/// <param name="Delta">Failure probability delta.</param>
/// <param name="Accountant">Name of the accountant that computed the bound.</param>
/// <param name="Replayable">True for a reproducible-mode model: the figures are nominal (NOT PRIVATE), and no policy releases it.</param>
public sealed record TheoreticalGuarantee(double Epsilon, double Delta, string Accountant, bool Replayable = false);
