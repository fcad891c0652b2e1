using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Tabular;
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
    public void Release_needs_clean_audit_figures_a_guarantee_and_the_reviewer()
    {
        var clean = new ReleaseEvidence(0.52, 0.012, 0.5, 0, 0, 0, 0.1, 2.9, ReviewerApproved: true);
        Assert.True(PolicyEvaluator.Release(Policy, clean).Allowed);
        var leaky = new ReleaseEvidence(0.9, 0.4, 0.8, 0.05, 0, 3, 4.0, null, ReviewerApproved: null);
        var decision = PolicyEvaluator.Release(Policy, leaky);
        Assert.False(decision.Allowed);
        Assert.True(decision.Reasons.Count >= 7, string.Join("\n", decision.Reasons));
        Assert.Contains(decision.Reasons, r => r.Contains("without differential privacy"));
        Assert.Contains(decision.Reasons, r => r.Contains("reviewer"));
        Assert.False(PolicyEvaluator.Release(Policy, clean with { ReviewerApproved = null }).Allowed);
        Assert.False(PolicyEvaluator.Release(Policy, clean with { EmpiricalEpsilon = 3.5 }).Allowed);
    }
}
