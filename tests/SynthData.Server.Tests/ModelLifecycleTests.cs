using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// The model lifecycle over gRPC: two versions of a dataset, a released model on each, a drift check of the second
/// version against the first model, a reviewer's rollback (consumers then get the earlier model's rows) and a
/// withdrawal, each in the audit log.
/// </summary>
public sealed class ModelLifecycleTests
{
    static async Task<string> ReleasedModelAsync(CallInvoker owner, string datasetId)
    {
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, datasetId);
        var audit = await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 1, Canaries = 10 });
        Assert.True(audit.ReleaseDecision.Allowed, string.Join("; ", audit.ReleaseDecision.Reasons));
        return modelId;
    }

    static async Task<List<string>> RowsAsync(CallInvoker consumer, string modelId) =>
        ReleaseFlowTests.ReadRows((await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 500, Seed = 3 })).Bytes);

    [Fact]
    public async Task Rollback_serves_the_earlier_models_rows_and_is_logged()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var reviewer = server.As((await server.CreateKeyAsync("acme", Role.Reviewer)).ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var first = await Uploads.UploadBankAsync(owner);
        string earlier = await ReleasedModelAsync(owner, first.Id);
        var lines = File.ReadAllLines(TestFiles.BankCsv);
        var second = await DatasetVersionTests.UploadVersionAsync(owner, string.Join('\n', lines.Take(lines.Length * 3 / 4)) + "\n", first.Id, policyId: "");
        string later = await ReleasedModelAsync(owner, second.Id);

        var lifecycleOwner = new ModelLifecycleService.ModelLifecycleServiceClient(owner);
        var models = await lifecycleOwner.ListDatasetModelsAsync(new ListDatasetModelsRequest { DatasetId = first.Id });
        Assert.Equal([earlier, later], models.Models.Select(m => m.ModelId));
        Assert.Equal(later, models.CurrentModelId);
        var lifecycleConsumer = new ModelLifecycleService.ModelLifecycleServiceClient(consumer);
        Assert.Equal(later, (await lifecycleConsumer.GetCurrentModelAsync(new GetCurrentModelRequest { DatasetId = second.Id })).ModelId);

        // A consumer cannot roll back; a reviewer can.
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await lifecycleConsumer.SetCurrentModelAsync(new SetCurrentModelRequest { DatasetId = first.Id, ModelId = earlier }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var lifecycleReviewer = new ModelLifecycleService.ModelLifecycleServiceClient(reviewer);
        var rolledBack = await lifecycleReviewer.SetCurrentModelAsync(new SetCurrentModelRequest { DatasetId = first.Id, ModelId = earlier, Comment = "v2 model regressed" });
        Assert.Equal(earlier, rolledBack.ModelId);
        Assert.True(rolledBack.Pinned);

        var current = await lifecycleConsumer.GetCurrentModelAsync(new GetCurrentModelRequest { DatasetId = second.Id });
        Assert.Equal(earlier, current.ModelId);
        var served = await RowsAsync(consumer, current.ModelId);
        Assert.Equal(await RowsAsync(consumer, earlier), served);
        Assert.NotEqual(await RowsAsync(consumer, later), served);

        var log = await new GovernanceService.GovernanceServiceClient(reviewer).ListAuditLogAsync(new ListAuditLogRequest { SubjectId = earlier });
        Assert.Contains(log.Entries, e => e.Action == "model.rolled_back" && e.Detail.Contains("v2 model regressed"));

        // Withdrawing the pinned model: it generates no more, and consumers fall back to the latest released.
        var after = await lifecycleReviewer.WithdrawModelAsync(new WithdrawModelRequest { ModelId = earlier, Comment = "withdrawn" });
        Assert.Equal(later, after.ModelId);
        Assert.False(after.Pinned);
        var refused = await Assert.ThrowsAsync<RpcException>(() => RowsAsync(consumer, earlier));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        log = await new GovernanceService.GovernanceServiceClient(reviewer).ListAuditLogAsync(new ListAuditLogRequest { SubjectId = earlier });
        Assert.Contains(log.Entries, e => e.Action == "model.withdrawn");
    }
}
