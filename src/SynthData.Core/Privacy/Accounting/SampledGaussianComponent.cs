namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// One Poisson-sampled Gaussian mechanism (SamplingRate 1 means no sampling) run Count times.
/// Every supported privacy event reduces to a list of these plus a summed threshold delta.
/// </summary>
internal sealed record SampledGaussianComponent(double SamplingRate, double NoiseMultiplier, long Count);
