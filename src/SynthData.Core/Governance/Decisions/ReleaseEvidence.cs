namespace SynthData.Core.Governance.Decisions;

/// <summary>The audit figures release decisions look at (mapped from the audit report).</summary>
/// <param name="ReplayableRandomness">The model was trained in reproducible mode: NOT PRIVATE, never released.</param>
public sealed record ReleaseEvidence(
    double MiaAucUpper,
    double TprAt1PctFpr,
    double DcrShare,
    double TrainCopyRate,
    double HoldoutCopyRate,
    int PiiReplays,
    double? EmpiricalEpsilon,
    double? TheoreticalEpsilon,
    bool? ReviewerApproved,
    bool ReplayableRandomness = false)
{
    /// <summary>Columns whose structure was inferred from the private rows (not covered by the guarantee).</summary>
    public IReadOnlyList<string> SchemaInferredColumns { get; init; } = [];

    /// <summary>Columns whose synthetic marginal disagrees with the run's DP quantiles beyond the noise.</summary>
    public IReadOnlyList<string> QualityWarningColumns { get; init; } = [];
}
