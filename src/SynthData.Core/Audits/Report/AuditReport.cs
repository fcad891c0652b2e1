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
    /// <summary>One plain-words sentence: no evidence of leakage, or the leaks found.</summary>
    public required string Verdict { get; init; }
    /// <summary>True when at least one statistically clear leak was found.</summary>
    public required bool LeakDetected { get; init; }
    /// <summary>The certified (epsilon, delta), or null when the model has none.</summary>
    public required TheoreticalGuarantee? Guarantee { get; init; }
    /// <summary>Every membership-inference attack run.</summary>
    public required IReadOnlyList<AttackResult> Attacks { get; init; }
    /// <summary>Exact-copy, distance and replay figures.</summary>
    public required LeakageReport Leakage { get; init; }
    /// <summary>The one-run canary audit, or null when it was skipped.</summary>
    public required CanaryAuditResult? Canary { get; init; }
    /// <summary>Leaks ("leak: ..."), warnings and "BUG:" flags, leaks first.</summary>
    public required IReadOnlyList<string> Flags { get; init; }
    /// <summary>Fidelity of the synthetic sample to the members, when computed.</summary>
    public required QualityReport? Quality { get; init; }
    /// <summary>The seed every random choice of the audit derives from, so it can be rerun.</summary>
    public required int Seed { get; init; }

    /// <summary>Per-row distances for the DCR histogram; not serialised (per-row detail).</summary>
    [JsonIgnore] public DcrDistances? Dcr { get; init; }

    /// <summary>Columns of the model's schema inferred from the private rows rather than declared (names only).</summary>
    public IReadOnlyList<string> SchemaInferredColumns { get; init; } = [];

    /// <summary>Numeric columns whose synthetic distribution disagrees with the run's own DP quantiles (post-processing: publishable).</summary>
    public IReadOnlyList<Evaluation.MarginalWarning> QualityWarnings { get; init; } = [];

    /// <summary>The lineage's latest drift check before the model was trained, when there was one (DP outputs only).</summary>
    public Drift.DriftFinding? Drift { get; init; }

    /// <summary>Serialises the report with the project's JSON options (snake_case; per-row detail left out).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SynthDataJson.Options);
}
