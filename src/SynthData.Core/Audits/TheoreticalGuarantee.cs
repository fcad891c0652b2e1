namespace SynthData.Core.Audits;

/// <summary>The (epsilon, delta) differential-privacy guarantee the accountant certified for the release.</summary>
public sealed record TheoreticalGuarantee(double Epsilon, double Delta, string Accountant);
