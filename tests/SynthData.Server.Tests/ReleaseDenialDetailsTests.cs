using Google.Rpc;
using Grpc.Core;
using SynthData.Api.V1;
using StatusCode = Grpc.Core.StatusCode;

namespace SynthData.Server.Tests;

/// <summary>
/// A reviewer's approval cannot override an audit that fails the policy: the refusal is FAILED_PRECONDITION with
/// reason POLICY_DENIED and one PreconditionFailure violation per failed release check, the same reasons the audit
/// reply listed (they used to arrive joined in one string).
/// </summary>
public sealed class ReleaseDenialDetailsTests
{
    // Audit limits no model meets: the membership attack's AUC upper bound is above 0.5 and the DCR share near 0.5.
    const string Unreachable = """
        id: unreachable
        version: 2
        description: audit limits no model meets
        max_epsilon_per_release: 3
        max_delta_factor: 0.1
        lifetime_epsilon_budget: 10
        min_rows: 1000
        pii_handling:
          identifier: replace
        audit:
          max_mia_auc_upper: 0.5
          max_tpr_at_1pct_fpr: 0.05
          min_dcr_share: 0.95
          max_dcr_share: 1.0
          max_exact_copy_rate_excess: 0.001
          max_pii_replays: 0
          empirical_epsilon_must_not_exceed_theoretical: true
        require_reviewer_approval: false
        raw_data_retention_days: 30
        """;

    [Fact]
    public async Task An_approval_of_a_failing_audit_lists_each_failed_check_as_a_violation()
    {
        string policies = TestFiles.NewTempDirectory();
        File.Copy(Path.Combine(TestFiles.Repository, "policies", "default.yaml"), Path.Combine(policies, "default.yaml")); // the server requires it
        File.WriteAllText(Path.Combine(policies, "unreachable.yaml"), Unreachable);
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: $"--SynthData:PoliciesDirectory={policies}");
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var reviewer = server.As((await server.CreateKeyAsync("acme", Role.Reviewer)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner, "unreachable");
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
        var audit = (await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 1 })).ReleaseDecision;
        Assert.False(audit.Allowed);
        Assert.True(audit.Reasons.Count >= 2, string.Join("; ", audit.Reasons)); // AUC and DCR share at least

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            new GovernanceService.GovernanceServiceClient(reviewer).ApproveReleaseAsync(new ReviewRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        var status = e.GetRpcStatus()!;
        var info = status.GetDetail<ErrorInfo>();
        Assert.Equal(("POLICY_DENIED", "unreachable", "2", "release"),
            (info.Reason, info.Metadata["policy_id"], info.Metadata["policy_version"], info.Metadata["stage"]));
        Assert.Equal(audit.Reasons, status.GetDetail<PreconditionFailure>().Violations.Select(v => v.Description));
    }
}
