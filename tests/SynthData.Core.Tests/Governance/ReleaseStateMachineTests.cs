using SynthData.Core.Audits;
using SynthData.Core.Audits.Distances;
using SynthData.Core.Tabular;
using SynthData.Core.Audits.Report;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Governance.Release;
using SynthData.Core.Tests.Audits;
using Xunit;

namespace SynthData.Core.Tests.Governance;

/// <summary>
/// Release moves on two fixed-seed audits: an honest one (synthetic rows drawn afresh from the members' distribution)
/// and a leaky one (exact copies of the members, so the DCR share is 1 and copies abound, whatever the noise of the
/// attack figures). The assertions hold on the structure of the decision, not on a figure near a limit.
/// </summary>
public sealed class ReleaseStateMachineTests
{
    static ReleasePolicy Policy(bool review) => PolicyFile.Parse($"""
        id: p
        version: 1
        max_epsilon_per_release: 3
        max_delta_factor: 0.1
        lifetime_epsilon_budget: 10
        min_rows: 100
        pii_handling:
          identifier: replace
          email: replace
        audit:
          max_mia_auc_upper: 0.75
          max_tpr_at_1pct_fpr: 0.5
          min_dcr_share: 0.35
          max_dcr_share: 0.65
          max_exact_copy_rate_excess: 0.01
          max_pii_replays: 0
          empirical_epsilon_must_not_exceed_theoretical: true
        require_reviewer_approval: {(review ? "true" : "false")}
        raw_data_retention_days: 30
        """, "p.yaml");

    static AuditReport Audit(bool leaky)
    {
        var random = new Random(31);
        var members = AuditTables.Draw(random, 300, "m");
        var holdout = AuditTables.Draw(random, 300, "h");
        var synthetic = leaky ? AuditTables.NoisyCopy(members, new Random(3), 0, "s") : AuditTables.Draw(new Random(5), 300, "s");
        var distance = GowerDistance.FromReference(members);
        // The white-box stand-in scores a row by its distance to the nearest synthetic row: it knows nothing of membership
        // beyond what the synthetic rows leak (none for the honest draw, everything for the copies).
        double[] Loss(TabularData rows) => NearestNeighbours.Find(rows, synthetic, distance).NearestDistance;
        var options = new AuditOptions { BootstrapResamples = 50, Guarantee = new TheoreticalGuarantee(2.0, 1e-6, "pld") };
        return AuditRunner.Run(new AuditInputs(members, holdout, synthetic, AuditTables.Schema, Loss, 5), options);
    }

    static readonly AuditReport Honest = Audit(leaky: false), Leaky = Audit(leaky: true);

    [Fact]
    public void A_passing_audit_waits_for_the_reviewer_the_policy_asks_for_and_a_rejection_outlives_a_new_audit()
    {
        var policy = Policy(review: true);
        var waiting = ReleaseStateMachine.Decide(policy, Honest, reviewerApproved: null);
        Assert.True(waiting.AuditPasses, string.Join("; ", waiting.Decision.Reasons));
        Assert.Equal(ReleaseState.Audited, waiting.State);
        Assert.Contains(waiting.Decision.Reasons, r => r.Contains("reviewer's approval"));
        Assert.Equal(ReleaseState.Released, ReleaseStateMachine.Decide(policy, Honest, true).State);
        Assert.Equal(ReleaseState.Rejected, ReleaseStateMachine.Decide(policy, Honest, false).State);

        // A new audit: an approval was of other evidence and lapses; a rejection stands.
        Assert.Equal(ReleaseState.Audited, ReleaseStateMachine.AfterAudit(policy, Honest, latestReview: true).State);
        Assert.Equal(ReleaseState.Rejected, ReleaseStateMachine.AfterAudit(policy, Honest, latestReview: false).State);
        Assert.Equal(ReleaseState.Released, ReleaseStateMachine.Review(policy, Honest, approve: true).Outcome!.State);
        Assert.Equal(ReleaseState.Released, ReleaseStateMachine.Decide(Policy(review: false), Honest, null).State);
    }

    [Fact]
    public void No_reviewer_can_release_a_model_whose_audit_fails_but_anyone_may_reject_it()
    {
        var policy = Policy(review: true);
        var failing = ReleaseStateMachine.Decide(policy, Leaky, null);
        Assert.False(failing.AuditPasses);
        Assert.Equal(ReleaseState.Rejected, failing.State);
        Assert.Contains(failing.Decision.Reasons, r => r.Contains("DCR share"));
        var (approved, refusal) = ReleaseStateMachine.Review(policy, Leaky, approve: true);
        Assert.Null(approved);
        Assert.Contains("cannot override the evidence", refusal);
        Assert.Equal(ReleaseState.Rejected, ReleaseStateMachine.Review(policy, Leaky, approve: false).Outcome!.State);
        Assert.False(ReleaseStateMachine.AuditPasses(Policy(review: false), Leaky));
        Assert.StartsWith("denied: ", failing.Describe());
    }

    [Fact]
    public void Only_a_released_model_must_be_rejected_before_it_is_audited_again()
    {
        Assert.NotNull(ReleaseStateMachine.WhyNotAuditable(ReleaseState.Released));
        foreach (var state in new[] { ReleaseState.Pending, ReleaseState.Audited, ReleaseState.Rejected })
            Assert.Null(ReleaseStateMachine.WhyNotAuditable(state));
    }
}
