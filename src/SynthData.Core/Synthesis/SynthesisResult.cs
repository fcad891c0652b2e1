using SynthData.Core.Audits.Report;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Metadata;

namespace SynthData.Core.Synthesis;

/// <summary>How the job ended: released (a file was written) or denied at admission or release, with every reason.</summary>
public sealed record SynthesisResult(
    bool Released,
    string DatasetId,
    PolicyDecision Admission,
    PolicyDecision? Release,
    double? LifetimeEpsilon,
    string? ModelPath,
    string? OutputPath,
    string? ModelCardPath,
    string? ReportHtml,
    string? ReportJson,
    AuditReport? Audit,
    GovernanceMetadata? Metadata);
