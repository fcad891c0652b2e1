namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// The labels a <see cref="DpCategoryHistogram"/> kept (noisy count above its threshold), in
/// ordinal order, with their noisy counts. Every other label is to be treated as "other".
/// </summary>
/// <param name="Labels">The kept labels, in ordinal order.</param>
/// <param name="NoisyCounts">Each kept label's noisy count, aligned with Labels.</param>
public sealed record CategoryRelease(IReadOnlyList<string> Labels, IReadOnlyList<double> NoisyCounts);
