namespace SynthData.Core.Governance.Decisions;

/// <summary>The audit figures release decisions look at (mapped from the audit report).</summary>
public sealed record ReleaseEvidence
{
    /// <summary>Upper 95% bound of the strongest membership attack's AUC.</summary>
    public required double MiaAucUpper { get; init; }
    /// <summary>Highest attack true-positive rate at 1% false positives.</summary>
    public required double TprAt1PctFpr { get; init; }
    /// <summary>Share of synthetic rows closer to training than to holdout rows (1/2 without leakage).</summary>
    public required double DcrShare { get; init; }
    /// <summary>Share of synthetic rows that copy a training row.</summary>
    public required double TrainCopyRate { get; init; }
    /// <summary>Share of synthetic rows that copy a holdout row: the baseline for <see cref="TrainCopyRate"/>.</summary>
    public required double HoldoutCopyRate { get; init; }
    /// <summary>Synthetic identifier or PII cells repeating a training value.</summary>
    public required int PiiReplays { get; init; }
    /// <summary>The canary audit's epsilon lower bound; null without a canary run.</summary>
    public required double? EmpiricalEpsilon { get; init; }
    /// <summary>The certified epsilon; null when the model has none.</summary>
    public required double? TheoreticalEpsilon { get; init; }
    /// <summary>True approved, false rejected, null when no review counts.</summary>
    public required bool? ReviewerApproved { get; init; }
    /// <summary>The model was trained in reproducible mode: NOT PRIVATE, never released.</summary>
    public bool ReplayableRandomness { get; init; } = false;

    /// <summary>Columns whose structure was inferred from the private rows (not covered by the guarantee).</summary>
    public IReadOnlyList<string> SchemaInferredColumns { get; init; } = [];

    /// <summary>Columns whose synthetic marginal disagrees with the run's DP quantiles beyond the noise.</summary>
    public IReadOnlyList<string> QualityWarningColumns { get; init; } = [];
}
