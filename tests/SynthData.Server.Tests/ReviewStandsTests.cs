using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// A reviewer's rejection is the last word until a reviewer lifts it: auditing again, with or without canaries,
/// cannot release the model. Only the owner starts audits (they read the private rows), and the raw-row figures of
/// the audit report are for the owner and reviewers, never for consumers.
/// </summary>
public sealed class ReviewStandsTests
{
    [Fact]
    public async Task A_rejection_survives_new_audits_until_a_reviewer_approves_and_consumers_never_read_the_report()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var reviewer = server.As((await server.CreateKeyAsync("acme", Role.Reviewer)).ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner); // the default policy: a passing audit releases without review
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
        var ownerAudits = new AuditService.AuditServiceClient(owner);
        Assert.True((await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 1 })).ReleaseDecision.Allowed);

        var governance = new GovernanceService.GovernanceServiceClient(reviewer);
        Assert.False((await governance.RejectReleaseAsync(new ReviewRequest { ModelId = modelId, Comment = "not for release" })).Released);

        // The owner audits again, without and with canaries: the audit passes, the rejection stands.
        foreach (int canaries in new[] { 0, 20 })
        {
            var again = await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 2, Canaries = canaries });
            Assert.False(again.ReleaseDecision.Allowed, $"an audit with {canaries} canaries released a rejected model");
            Assert.Contains(again.ReleaseDecision.Reasons, r => r.Contains("rejected", StringComparison.Ordinal));
            var refused = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 10 }));
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        }

        // Reviewers read and review; they do not start audits (an audit reads the private rows).
        var reviewerAudit = await Assert.ThrowsAsync<RpcException>(() =>
            new AuditService.AuditServiceClient(reviewer).RunAuditAsync(new RunAuditRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, reviewerAudit.StatusCode);
        var report = await new AuditService.AuditServiceClient(reviewer).GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId });
        Assert.NotEmpty(report.ReportJson);
        Assert.Contains("For the data owner and reviewers only", await ServerFlow.ReportHtmlAsync(reviewer, modelId));
        Assert.False(string.IsNullOrEmpty((await ownerAudits.GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId })).ReportJson));

        // Consumers see DP figures only: the report (exact marginals, distances, rare labels) is refused.
        var consumerReport = await Assert.ThrowsAsync<RpcException>(() =>
            new AuditService.AuditServiceClient(consumer).GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, consumerReport.StatusCode);
        var consumerHtml = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.ReportHtmlAsync(consumer, modelId));
        Assert.Equal(StatusCode.PermissionDenied, consumerHtml.StatusCode);

        // Only a reviewer lifts the rejection.
        Assert.True((await governance.ApproveReleaseAsync(new ReviewRequest { ModelId = modelId, Comment = "lifted" })).Released);
        Assert.Equal(10, (await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 10 })).Summary.Rows);
    }
}
