using SynthData.Core.Audits.Canaries;
using SynthData.Core.Evaluation;

namespace SynthData.Core.Audits;

/// <summary>
/// How an audit runs. Without <see cref="Canary"/> the canary audit is skipped. Guarantee and Quality are reported as given.
/// </summary>
public sealed record AuditOptions
{
    /// <summary>Bootstrap resamples for every attack interval.</summary>
    public int BootstrapResamples { get; init; } = 500;
    /// <summary>Two-sided confidence of every interval and one-sided confidence of the canary bound.</summary>
    public double Confidence { get; init; } = 0.95;
    /// <summary>A category seen fewer than this many times in training counts as rare.</summary>
    public int RareCategoryThreshold { get; init; } = 5;
    /// <summary>The theoretical (epsilon, delta) from the accountant; null when the caller has none.</summary>
    public TheoreticalGuarantee? Guarantee { get; init; }
    /// <summary>Fidelity figures, shown as given.</summary>
    public QualityReport? Quality { get; init; }
    /// <summary>The one-run canary audit's rows, coins and training; null skips it.</summary>
    public CanarySetup? Canary { get; init; }
}
