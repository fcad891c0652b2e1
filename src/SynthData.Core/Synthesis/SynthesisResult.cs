using SynthData.Core.Audits.Report;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Metadata;

namespace SynthData.Core.Synthesis;

/// <summary>How the job ended: released (a file was written) or denied at admission or release, with every reason.</summary>
public sealed record SynthesisResult
{
    public required bool Released { get; init; }
    public required string DatasetId { get; init; }
    public required PolicyDecision Admission { get; init; }
    /// <summary>Null when admission refused the run (nothing was trained).</summary>
    public PolicyDecision? Release { get; init; }
    public double? LifetimeEpsilon { get; init; }
    public string? ModelPath { get; init; }
    /// <summary>The synthetic Parquet file and its model card: written only when released.</summary>
    public string? OutputPath { get; init; }
    public string? ModelCardPath { get; init; }
    public string? ReportHtml { get; init; }
    public string? ReportJson { get; init; }
    public AuditReport? Audit { get; init; }
    public GovernanceMetadata? Metadata { get; init; }
}
