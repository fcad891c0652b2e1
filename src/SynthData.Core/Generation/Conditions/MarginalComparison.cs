namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// One column's marginal in a conditional sample against the same segment of a rejection-sampled reference:
/// total variation distance for labels, the two-sample Kolmogorov-Smirnov statistic for numbers, each beside the
/// distance two independent samples of these sizes from one distribution would show (<see cref="SamplingError"/>).
/// </summary>
/// <param name="Column">Column compared.</param>
/// <param name="Metric">"tv" or "ks".</param>
/// <param name="Distance">The statistic between the conditional sample and the reference.</param>
/// <param name="SamplingError">The statistic's sampling error (see <see cref="SegmentComparison"/>).</param>
/// <param name="Tolerance">The statistic's critical value at the comparison's alpha: exceeding it rejects "same distribution".</param>
public sealed record MarginalComparison(string Column, string Metric, double Distance, double SamplingError, double Tolerance)
{
    /// <summary>True when the distance does not reject "same distribution".</summary>
    public bool WithinTolerance => Distance <= Tolerance;
}
