using SynthData.Core.Audits.Report;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Metadata;

namespace SynthData.Core.Synthesis;

/// <summary>How the job ended: released (a file was written) or denied at admission or release, with every reason.</summary>
public sealed record SynthesisResult
{
    /// <summary>Whether the synthetic file was written.</summary>
    public required bool Released { get; init; }
    /// <summary>The ledger's random public id of the source table.</summary>
    public required string DatasetId { get; init; }
    /// <summary>The admission decision, with its reasons.</summary>
    public required PolicyDecision Admission { get; init; }
    /// <summary>Null when admission refused the run (nothing was trained).</summary>
    public PolicyDecision? Release { get; init; }
    /// <summary>The dataset's lifetime epsilon in the ledger after this run.</summary>
    public double? LifetimeEpsilon { get; init; }
    /// <summary>The trained model artifact; null when nothing was trained.</summary>
    public string? ModelPath { get; init; }
    /// <summary>The synthetic Parquet file and its model card: written only when released.</summary>
    public string? OutputPath { get; init; }
    /// <summary>The model card written beside the released file.</summary>
    public string? ModelCardPath { get; init; }
    /// <summary>The audit report as HTML; null when nothing was trained.</summary>
    public string? ReportHtml { get; init; }
    /// <summary>The audit report as JSON; null when nothing was trained.</summary>
    public string? ReportJson { get; init; }
    /// <summary>The audit's findings; null when nothing was trained.</summary>
    public AuditReport? Audit { get; init; }
    /// <summary>The governance metadata written into the file's footer; only when released.</summary>
    public GovernanceMetadata? Metadata { get; init; }
}
