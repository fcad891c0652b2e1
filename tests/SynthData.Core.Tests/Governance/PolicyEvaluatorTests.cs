using SynthData.Core.Generation;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Tabular;
using SynthData.Core.Tests.Tabular;
using Xunit;

namespace SynthData.Core.Tests.Governance;

public sealed class PolicyEvaluatorTests
{
    static readonly ReleasePolicy Policy = PolicyFile.Parse("""
        id: p
        version: 1
        max_epsilon_per_release: 3
        max_delta_factor: 0.1
        lifetime_epsilon_budget: 10
        min_rows: 1000
        require_reviewer_approval: true
        pii_handling:
          identifier: replace
        """, "p.yaml");

    static readonly TableSchema Schema = new([new ColumnSchema { Name = "id", Kind = ColumnKind.Identifier }, new ColumnSchema { Name = "age", Kind = ColumnKind.Integer }]);

    [Fact]
    public void Admission_lists_every_failed_check()
    {
        var decision = PolicyEvaluator.Admit(Policy, new AdmissionRequest(5, 1e-3, 500, Schema, LifetimeEpsilonIfAdmitted: 12));
        Assert.False(decision.Allowed);
        Assert.Equal(DecisionStage.Admission, decision.Stage);
        Assert.Contains(decision.Reasons, r => r.Contains("exceeds the policy's maximum"));
        Assert.Contains(decision.Reasons, r => r.Contains("at least 1000"));
        Assert.Contains(decision.Reasons, r => r.Contains("delta"));
        Assert.Contains(decision.Reasons, r => r.Contains("lifetime"));
        Assert.True(PolicyEvaluator.Admit(Policy, new AdmissionRequest(3, 1e-5, 5000, Schema)).Allowed);
    }

    [Fact]
    public void Marketing_strict_denies_a_release_with_quality_warnings_and_the_default_policy_only_records_them()
    {
        var strict = PolicyFile.Load(Path.Combine(Tabular.CsvReadingTests.RepositoryRoot(), "policies", "marketing-strict.yaml"));
        Assert.True(strict.DenyOnQualityWarnings);
        var clean = new ReleaseEvidence
        {
            MiaAucUpper = 0.52,
            TprAt1PctFpr = 0.01,
            DcrShare = 0.5,
            TrainCopyRate = 0,
            HoldoutCopyRate = 0,
            PiiReplays = 0,
            EmpiricalEpsilon = 0.1,
            TheoreticalEpsilon = 0.9,
            ReviewerApproved = true,
        };
        var warned = clean with { QualityWarningColumns = ["balance", "pdays"] };
        var decision = PolicyEvaluator.Release(strict, warned);
        Assert.False(decision.Allowed);
        Assert.Contains("balance, pdays", Assert.Single(decision.Reasons));
        Assert.True(PolicyEvaluator.Release(Policy, warned).Allowed);
    }

    [Fact]
    public void Marketing_strict_denies_a_release_whose_schema_was_partly_inferred_from_the_rows()
    {
        var strict = PolicyFile.Load(Path.Combine(Tabular.CsvReadingTests.RepositoryRoot(), "policies", "marketing-strict.yaml"));
        Assert.True(strict.RequireDeclaredSchema);
        var declared = new ReleaseEvidence
        {
            MiaAucUpper = 0.52,
            TprAt1PctFpr = 0.01,
            DcrShare = 0.5,
            TrainCopyRate = 0,
            HoldoutCopyRate = 0,
            PiiReplays = 0,
            EmpiricalEpsilon = 0.1,
            TheoreticalEpsilon = 0.9,
            ReviewerApproved = true,
        };
        Assert.True(PolicyEvaluator.Release(strict, declared).Allowed);

        var decision = PolicyEvaluator.Release(strict, declared with { SchemaInferredColumns = ["previous", "balance"] });
        Assert.False(decision.Allowed);
        var reason = Assert.Single(decision.Reasons);
        Assert.Contains("fully declared schema", reason);
        Assert.Contains("previous, balance", reason);
        // Policies that do not ask for it (the default) record the inference but do not deny on it.
        Assert.True(PolicyEvaluator.Release(Policy, declared with { SchemaInferredColumns = ["previous"] }).Allowed);
    }

    [Fact]
    public void Release_needs_clean_audit_figures_a_guarantee_and_the_reviewer()
    {
        var clean = new ReleaseEvidence
        {
            MiaAucUpper = 0.52,
            TprAt1PctFpr = 0.012,
            DcrShare = 0.5,
            TrainCopyRate = 0,
            HoldoutCopyRate = 0,
            PiiReplays = 0,
            EmpiricalEpsilon = 0.1,
            TheoreticalEpsilon = 2.9,
            ReviewerApproved = true,
        };
        Assert.True(PolicyEvaluator.Release(Policy, clean).Allowed);
        var leaky = new ReleaseEvidence
        {
            MiaAucUpper = 0.9,
            TprAt1PctFpr = 0.4,
            DcrShare = 0.8,
            TrainCopyRate = 0.05,
            HoldoutCopyRate = 0,
            PiiReplays = 3,
            EmpiricalEpsilon = 4.0,
            TheoreticalEpsilon = null,
            ReviewerApproved = null,
        };
        var decision = PolicyEvaluator.Release(Policy, leaky);
        Assert.False(decision.Allowed);
        Assert.True(decision.Reasons.Count >= 7, string.Join("\n", decision.Reasons));
        Assert.Contains(decision.Reasons, r => r.Contains("without differential privacy"));
        Assert.Contains(decision.Reasons, r => r.Contains("reviewer"));
        Assert.False(PolicyEvaluator.Release(Policy, clean with { ReviewerApproved = null }).Allowed);
        Assert.False(PolicyEvaluator.Release(Policy, clean with { EmpiricalEpsilon = 3.5 }).Allowed);
    }

    static readonly ReleaseEvidence Clean = new()
    {
        MiaAucUpper = 0.52,
        TprAt1PctFpr = 0.012,
        DcrShare = 0.5,
        TrainCopyRate = 0,
        HoldoutCopyRate = 0,
        PiiReplays = 0,
        EmpiricalEpsilon = 0.1,
        TheoreticalEpsilon = 2.9,
        ReviewerApproved = true,
    };

    [Theory]
    [InlineData("auc")]
    [InlineData("tpr")]
    [InlineData("dcr_low")]
    [InlineData("dcr_high")]
    [InlineData("copies")]
    [InlineData("pii")]
    [InlineData("empirical")]
    [InlineData("epsilon")]
    [InlineData("no_dp")]
    [InlineData("rejected")]
    public void Each_release_check_alone_denies_with_exactly_one_reason(string breach)
    {
        // Limits of the default audit block: AUC upper 0.6, TPR 0.05, DCR [0.4, 0.6], copy excess 0.001, 0 replays.
        var evidence = breach switch
        {
            "auc" => Clean with { MiaAucUpper = 0.601 },
            "tpr" => Clean with { TprAt1PctFpr = 0.051 },
            "dcr_low" => Clean with { DcrShare = 0.39 },
            "dcr_high" => Clean with { DcrShare = 0.61 },
            "copies" => Clean with { TrainCopyRate = 0.003, HoldoutCopyRate = 0.001 },
            "pii" => Clean with { PiiReplays = 1 },
            "empirical" => Clean with { EmpiricalEpsilon = 2.95 },
            "epsilon" => Clean with { TheoreticalEpsilon = 3.2, EmpiricalEpsilon = null },
            "no_dp" => Clean with { TheoreticalEpsilon = null, EmpiricalEpsilon = null },
            "rejected" => Clean with { ReviewerApproved = false },
            _ => throw new ArgumentOutOfRangeException(nameof(breach)),
        };
        var decision = PolicyEvaluator.Release(Policy, evidence);
        Assert.False(decision.Allowed);
        Assert.Single(decision.Reasons);
        Assert.Equal(("p", 1), (decision.PolicyId, decision.PolicyVersion));
    }

    [Fact]
    public void Figures_exactly_at_the_limits_are_allowed()
    {
        var atLimits = new ReleaseEvidence
        {
            MiaAucUpper = 0.6,
            TprAt1PctFpr = 0.05,
            DcrShare = 0.4,
            TrainCopyRate = 0.001,
            HoldoutCopyRate = 0,
            PiiReplays = 0,
            EmpiricalEpsilon = 3,
            TheoreticalEpsilon = 3,
            ReviewerApproved = true,
        };
        Assert.True(PolicyEvaluator.Release(Policy, atLimits).Allowed);
        // delta = factor / N exactly, epsilon = max, rows = min, lifetime = budget.
        Assert.True(PolicyEvaluator.Admit(Policy, new AdmissionRequest(3, 0.1 / 1000, 1000, Schema, 10)).Allowed);
        Assert.False(PolicyEvaluator.Admit(Policy, new AdmissionRequest(3, 0.1 / 1000 * 1.01, 1000, Schema, 10)).Allowed);
    }

    [Fact]
    public void A_reviewers_rejection_blocks_release_even_where_no_approval_is_required()
    {
        var noReview = Policy with { RequireReviewerApproval = false };
        Assert.True(PolicyEvaluator.Release(noReview, Clean with { ReviewerApproved = null }).Allowed);
        var rejected = PolicyEvaluator.Release(noReview, Clean with { ReviewerApproved = false });
        Assert.False(rejected.Allowed);
        Assert.Equal(["a reviewer rejected the release"], rejected.Reasons);
    }

    [Theory]
    [InlineData(0, 1e-6)]
    [InlineData(double.NaN, 1e-6)]
    [InlineData(1, 0)]
    [InlineData(1, -1e-6)]
    public void Admission_refuses_non_positive_epsilon_or_delta(double epsilon, double delta)
    {
        var decision = PolicyEvaluator.Admit(Policy, new AdmissionRequest(epsilon, delta, 5000, Schema));
        Assert.False(decision.Allowed);
        Assert.Single(decision.Reasons, r => r.Contains("must be a positive number"));
    }

    [Fact]
    public void An_unlisted_pii_kind_is_noted_but_does_not_deny_because_it_is_dropped()
    {
        var withEmail = new TableSchema([.. Schema.Columns, new ColumnSchema { Name = "contact", Kind = ColumnKind.Pii, Pii = PiiKind.Email }]);
        var decision = PolicyEvaluator.Admit(Policy, new AdmissionRequest(1, 1e-6, 5000, withEmail));
        Assert.True(decision.Allowed);
        Assert.Contains(decision.Reasons, r => r.Contains("'contact' is email PII") && r.Contains("dropped"));
        Assert.Equal(ColumnRelease.Drop, Policy.HandlingOf("email"));
    }

    /// <summary>Every shipped policy refuses a model trained with replayable randomness, whatever its audit.</summary>
    [Fact]
    public void A_model_trained_in_reproducible_mode_is_never_released()
    {
        foreach (var policy in PolicyCatalog.Load(Path.GetDirectoryName(Path.GetDirectoryName(TestFiles.Sample("bank-marketing.csv")))! + "/policies").All)
        {
            var decision = PolicyEvaluator.Release(policy, Clean with { ReplayableRandomness = true });
            Assert.False(decision.Allowed, policy.Id);
            Assert.Contains(decision.Reasons, r => r.Contains("reproducible mode", StringComparison.Ordinal));
        }
    }
}
