namespace SynthData.Core.Governance.Decisions;

/// <summary>The audit figures release decisions look at (mapped from the audit report).</summary>
public sealed record ReleaseEvidence
{
    public required double MiaAucUpper { get; init; }
    public required double TprAt1PctFpr { get; init; }
    public required double DcrShare { get; init; }
    public required double TrainCopyRate { get; init; }
    public required double HoldoutCopyRate { get; init; }
    public required int PiiReplays { get; init; }
    public required double? EmpiricalEpsilon { get; init; }
    public required double? TheoreticalEpsilon { get; init; }
    public required bool? ReviewerApproved { get; init; }
    /// <summary>The model was trained in reproducible mode: NOT PRIVATE, never released.</summary>
    public bool ReplayableRandomness { get; init; } = false;

    /// <summary>Columns whose structure was inferred from the private rows (not covered by the guarantee).</summary>
    public IReadOnlyList<string> SchemaInferredColumns { get; init; } = [];

    /// <summary>Columns whose synthetic marginal disagrees with the run's DP quantiles beyond the noise.</summary>
    public IReadOnlyList<string> QualityWarningColumns { get; init; } = [];
}
