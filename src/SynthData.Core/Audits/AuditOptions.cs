using SynthData.Core.Audits.Canaries;
using SynthData.Core.Evaluation;

namespace SynthData.Core.Audits;

/// <summary>
/// How an audit runs. Canaries = 0 skips the canary audit (it needs TrainWithCanaries, which
/// retrains the model with the same privacy settings). Guarantee and Quality are reported as given.
/// </summary>
public sealed record AuditOptions
{
    /// <summary>m: number of canaries for the one-run audit; 0 skips it.</summary>
    public int Canaries { get; init; }
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
    /// <summary>Trains a model on the given rows (same privacy settings) and returns its per-row loss.</summary>
    public Func<Tabular.TabularData, Func<Tabular.TabularData, double[]>>? TrainWithCanaries { get; init; }
}
