using System.Text.Json;
using System.Text.Json.Serialization;
using SynthData.Core.Audits.Canaries;
using SynthData.Core.Audits.Leakage;
using SynthData.Core.Audits.MembershipInference;
using SynthData.Core.Evaluation;

namespace SynthData.Core.Audits.Report;

/// <summary>
/// The audit's findings: a plain-words verdict, the theoretical guarantee as the caller gave it,
/// every attack with intervals, leakage figures, the canary result and flags. Contains counts,
/// shares and distances only, never a cell value.
/// </summary>
public sealed record AuditReport
{
    public required string Verdict { get; init; }
    public required bool LeakDetected { get; init; }
    public required TheoreticalGuarantee? Guarantee { get; init; }
    public required IReadOnlyList<AttackResult> Attacks { get; init; }
    public required LeakageReport Leakage { get; init; }
    public required CanaryAuditResult? Canary { get; init; }
    public required IReadOnlyList<string> Flags { get; init; }
    public required QualityReport? Quality { get; init; }
    public required int Seed { get; init; }

    /// <summary>Per-row distances for the DCR histogram; not serialised (per-row detail).</summary>
    [JsonIgnore] public DcrDistances? Dcr { get; init; }

    /// <summary>Columns of the model's schema inferred from the private rows rather than declared (names only).</summary>
    public IReadOnlyList<string> SchemaInferredColumns { get; init; } = [];

    /// <summary>Numeric columns whose synthetic distribution disagrees with the run's own DP quantiles (post-processing: publishable).</summary>
    public IReadOnlyList<Evaluation.MarginalWarning> QualityWarnings { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, SynthDataJson.Options);
}
