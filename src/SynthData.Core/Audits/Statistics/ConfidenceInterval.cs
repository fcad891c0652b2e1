namespace SynthData.Core.Audits.Statistics;

/// <summary>A point estimate with a two-sided interval at the given confidence level (e.g. 0.95).</summary>
public readonly record struct ConfidenceInterval(double Estimate, double Lower, double Upper, double Confidence);
