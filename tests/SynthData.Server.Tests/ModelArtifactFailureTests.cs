using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>
/// A damaged model artifact answers DATA_LOSS on RunAudit and Generate (it used to end UNKNOWN/INTERNAL), and a
/// Generate stream the client abandons leaves an audit-log line (issue 19, points 4 and 7).
/// </summary>
public sealed class ModelArtifactFailureTests
{
    static async Task<IReadOnlyList<AuditLogEntry>> LogAsync(CallInvoker owner, string modelId) =>
        (await new GovernanceService.GovernanceServiceClient(owner).ListAuditLogAsync(new ListAuditLogRequest { SubjectId = modelId, PageSize = 100 })).Entries;

    static Task DamageAsync(ServerStore store, string artifact)
    {
        var bytes = StoredArtifacts.Read(store, artifact);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5a;
        return StoredArtifacts.WriteAsync(store, artifact, bytes);
    }

    [Fact]
    public async Task A_damaged_artifact_is_data_loss_and_an_abandoned_generate_stream_is_logged()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory());
        var ownerKey = await server.CreateKeyAsync("acme", Role.Owner);
        var owner = server.As(ownerKey.ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner);
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
        var store = server.Service<ServerStore>();
        string artifact = store.Models.Get(ownerKey.TenantId, modelId)!.ArtifactPath;
        var intact = StoredArtifacts.Read(store, artifact);
        var audits = new AuditService.AuditServiceClient(owner);

        await DamageAsync(store, artifact);
        var auditError = await Assert.ThrowsAsync<RpcException>(() => audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId, Seed = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.DataLoss, auditError.StatusCode);
        Assert.Contains(modelId, auditError.Status.Detail);
        Assert.DoesNotContain(server.DataDirectory, auditError.Status.Detail); // no server path in a reply

        await StoredArtifacts.WriteAsync(store, artifact, intact);
        Assert.True((await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 1 })).ReleaseDecision.Allowed);

        // The consumer walks away after the header: the server logs the abandoned stream.
        using (var cancel = new CancellationTokenSource())
        using (var call = new GenerationService.GenerationServiceClient(consumer).Generate(
                   new GenerateRequest { ModelId = modelId, Rows = 50_000_000, Seed = 3, RowGroupSize = 20_000 }, cancellationToken: cancel.Token))
        {
            Assert.True(await call.ResponseStream.MoveNext());
            await cancel.CancelAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await LogAsync(owner, modelId)).Any(e => e.Action == "model.generate_cancelled"))
        {
            Assert.True(DateTime.UtcNow < deadline, "no audit-log line for the cancelled Generate stream");
            await Task.Delay(100);
        }

        await DamageAsync(store, artifact);
        var generateError = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 10 }));
        Assert.Equal(StatusCode.DataLoss, generateError.StatusCode);
        Assert.Contains(modelId, generateError.Status.Detail);
        Assert.Contains(await LogAsync(owner, modelId), e => e.Action == "model.artifact_damaged");
    }
}
