namespace SynthData.Core.Audits.Statistics;

/// <summary>A point estimate with a two-sided interval at the given confidence level (e.g. 0.95).</summary>
/// <param name="Estimate">The statistic on the original data.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Confidence">Two-sided level of the interval.</param>
public readonly record struct ConfidenceInterval(double Estimate, double Lower, double Upper, double Confidence);
