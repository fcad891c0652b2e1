namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// The labels a <see cref="DpCategoryHistogram"/> kept (noisy count above its threshold), in
/// ordinal order, with their noisy counts. Every other label is to be treated as "other".
/// </summary>
public sealed record CategoryRelease(IReadOnlyList<string> Labels, IReadOnlyList<double> NoisyCounts);
