using SynthData.Core.Generation;

namespace SynthData.Core.Governance.Policies;

/// <summary>Audit figures a release must meet (see policies/README.md).</summary>
public sealed record AuditThresholds
{
    /// <summary>Upper end of the 95% interval of the strongest membership attack's AUC.</summary>
    public double MaxMiaAucUpper { get; init; } = 0.6;
    /// <summary>Strongest attack's true-positive rate at 1% false-positive rate.</summary>
    public double MaxTprAt1PctFpr { get; init; } = 0.05;
    /// <summary>Allowed range of the DCR share (synthetic rows nearer a training row than a holdout row; 0.5 ideal).</summary>
    public double MinDcrShare { get; init; } = 0.4;
    /// <summary>Upper end of the allowed DCR share range.</summary>
    public double MaxDcrShare { get; init; } = 0.6;
    /// <summary>Training copy rate minus holdout copy rate.</summary>
    public double MaxExactCopyRateExcess { get; init; } = 0.001;
    /// <summary>Synthetic identifier/PII cells that repeat a training value.</summary>
    public int MaxPiiReplays { get; init; }
    /// <summary>Refuse the release when the canary audit's lower bound exceeds the accountant's epsilon (a bug).</summary>
    public bool EmpiricalEpsilonMustNotExceedTheoretical { get; init; } = true;
}

/// <summary>
/// A release policy: the privacy limits, data requirements, identifier/PII handling and audit
/// thresholds a data owner's organisation sets. Loaded from YAML or JSON by <see cref="PolicyFile"/>.
/// </summary>
public sealed record ReleasePolicy
{
    /// <summary>The id callers name the policy by.</summary>
    public required string Id { get; init; }
    /// <summary>The policy's version, named in every decision so it can be traced to the exact rules.</summary>
    public required int Version { get; init; }
    /// <summary>What the policy is for, in words.</summary>
    public string Description { get; init; } = "";
    /// <summary>Largest epsilon one run may spend (and a released model may have).</summary>
    public required double MaxEpsilonPerRelease { get; init; }
    /// <summary>Delta must be at most factor / N (factor &lt; 1, so delta &lt; 1/N always).</summary>
    public required double MaxDeltaFactor { get; init; }
    /// <summary>Lifetime epsilon per dataset, composed over every run by the accountant.</summary>
    public required double LifetimeEpsilonBudget { get; init; }
    /// <summary>Fewest rows a table may have to be trained on.</summary>
    public required long MinRows { get; init; }
    /// <summary>What each PII kind (and identifiers, key "identifier") becomes in a release.</summary>
    public IReadOnlyDictionary<string, ColumnRelease> PiiHandling { get; init; } = new Dictionary<string, ColumnRelease>();
    /// <summary>Audit figures a release must meet.</summary>
    public AuditThresholds Audit { get; init; } = new();
    /// <summary>Release only after a reviewer approves.</summary>
    public bool RequireReviewerApproval { get; init; }
    /// <summary>Deny release when any column's structure was inferred from the private rows instead of declared in a schema file.</summary>
    public bool RequireDeclaredSchema { get; init; }

    /// <summary>Deny release when a column's synthetic marginal disagrees with the run's DP quantiles beyond the noise.</summary>
    public bool DenyOnQualityWarnings { get; init; }
    /// <summary>How long the service may keep an uploaded raw table.</summary>
    public int RawDataRetentionDays { get; init; } = 30;

    /// <summary>Handling for a PII kind or "identifier"; unlisted kinds are dropped (the safe default).</summary>
    public ColumnRelease HandlingOf(string kind) => PiiHandling.TryGetValue(kind, out var handling) ? handling : ColumnRelease.Drop;

    /// <summary>How a non-modelled column (identifier or PII) is released under this policy.</summary>
    public ColumnRelease ReleaseOf(Tabular.ColumnSchema column) => HandlingOf(
        column.Kind == Tabular.ColumnKind.Identifier ? "identifier" : column.Pii == Tabular.PiiKind.FreeText ? "free_text" : column.Pii.ToString().ToLowerInvariant());
}
