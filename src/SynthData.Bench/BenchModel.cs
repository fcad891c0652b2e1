using SynthData.Api.V1;
using SynthData.Client;

namespace SynthData.Bench;

/// <summary>
/// Brings a fresh server to a released model the way a tenant would: the tenant's admin key from the
/// operator key, an owner, a reviewer and a consumer key from that, an upload, a short DP training run (epsilon 3, seeded), an audit without canaries and an approval.
/// </summary>
public static class BenchModel
{
    public sealed record Released(string ModelId, string ConsumerKey, TimeSpan SetupTime);

    public static async Task<Released> PrepareAsync(string url, string operatorKey, string table, string? schema, int epochs, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string owner, reviewer, consumer;
        string tenantAdmin;
        using (var operatorConnection = new SynthDataConnection(url, operatorKey))
            tenantAdmin = await KeyAsync(operatorConnection, Role.Admin, cancel); // the operator creates the tenant's admin
        using (var admin = new SynthDataConnection(url, tenantAdmin))
        {
            owner = await KeyAsync(admin, Role.Owner, cancel);
            reviewer = await KeyAsync(admin, Role.Reviewer, cancel);
            consumer = await KeyAsync(admin, Role.Consumer, cancel);
        }

        string modelId;
        using (var connection = new SynthDataConnection(url, owner))
        {
            var header = new UploadDatasetHeader { SchemaJson = schema is null ? "" : await File.ReadAllTextAsync(schema, cancel) };
            var dataset = await connection.UploadDatasetAsync(table, header, cancellationToken: cancel);
            var job = await connection.Training.StartTrainingAsync(new StartTrainingRequest
            {
                DatasetId = dataset.Id,
                Epsilon = 3,
                Options = new ModelOptions { Epochs = epochs, Seed = 1 },
            }, cancellationToken: cancel);
            Job? finished = null;
            await foreach (var e in connection.WatchJobAsync(job.Id, cancel)) finished = e.Job;
            if (finished is not { State: JobState.Succeeded })
                throw new InvalidOperationException($"bench training job {job.Id} ended {finished?.State}: {string.Join("; ", finished?.Reasons ?? [])}");
            modelId = finished.ModelId;
            var audit = await connection.Audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId, Canaries = 0, Seed = 1 }, cancellationToken: cancel);
            if (await connection.WaitForJobAsync(audit.Id, cancel) is not { State: JobState.Succeeded })
                throw new InvalidOperationException($"bench audit job {audit.Id} did not succeed");
        }
        using (var connection = new SynthDataConnection(url, reviewer))
        {
            var review = await connection.Governance.ApproveReleaseAsync(new ReviewRequest { ModelId = modelId, Comment = "bench" }, cancellationToken: cancel);
            if (!review.Released)
                throw new InvalidOperationException($"bench model {modelId} was not released: {string.Join("; ", review.ReleaseDecision.Reasons)}");
        }
        return new Released(modelId, consumer, clock.Elapsed);
    }

    public static async Task<string> KeyAsync(SynthDataConnection admin, Role role, CancellationToken cancel) =>
        (await admin.Admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "bench", Role = role, Label = $"bench {role}" }, cancellationToken: cancel)).ApiKey;
}
