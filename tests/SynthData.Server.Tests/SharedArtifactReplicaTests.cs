using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Parquet;
using SynthData.Api.V1;
using SynthData.Core.Tabular.Io;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Storage.Postgres;

namespace SynthData.Server.Tests;

/// <summary>
/// Uploads, models and audit reports live in the shared artifact store: two replicas over one PostgreSQL database, each
/// with its own data directory, serve each other's datasets and models; an erasure on one reaches the other; and the
/// database holds the uploaded rows only encrypted.
/// </summary>
[Collection("postgres")]
[Trait("Store", "postgres")] // runs on PostgreSQL whatever SYNTHDATA_TEST_STORE says: once per CI run is enough
public sealed class SharedArtifactReplicaTests(PostgresServer postgres)
{
    static string[] Settings(string connectionString) =>
        ["--SynthData:Store=postgres", $"--SynthData:ConnectionString={connectionString}",
         $"--SynthData:ArtifactKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}", TestPolicies.WriteFolder()];

    [SkippableFact]
    public async Task A_model_trained_on_one_replica_is_audited_approved_and_generated_on_another_and_an_erasure_there_reaches_both()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string[] settings = Settings(postgres.NewDatabase());
        await using var a = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        await using var b = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        var ownerKey = await a.CreateKeyAsync("acme", Role.Owner);
        string reviewerKey = (await a.CreateKeyAsync("acme", Role.Reviewer)).ApiKey, consumerKey = (await a.CreateKeyAsync("acme", Role.Consumer)).ApiKey;

        var dataset = await Uploads.UploadBankAsync(a.As(ownerKey.ApiKey), TestPolicies.ReviewRequired);
        string modelId = await ServerFlow.TrainOneEpochAsync(a.As(ownerKey.ApiKey), dataset.Id);
        Assert.False(string.IsNullOrEmpty(modelId));

        // B has never seen the upload or the model in its own data directory: it reads both from the store.
        var audit = await ServerFlow.AuditAsync(b.As(ownerKey.ApiKey), new RunAuditRequest { ModelId = modelId, Seed = 3 });
        Assert.Equal(ReleaseState.AwaitingReview, audit.ReleaseState);
        Assert.Equal(audit.ReportJson, (await new AuditService.AuditServiceClient(a.As(reviewerKey)).GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId })).ReportJson);
        Assert.StartsWith("<!DOCTYPE html>", (await ServerFlow.ReportHtmlAsync(a.As(ownerKey.ApiKey), modelId)).TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.True((await new GovernanceService.GovernanceServiceClient(b.As(reviewerKey)).ApproveReleaseAsync(new ReviewRequest { ModelId = modelId })).Released);

        var file = await ServerFlow.GenerateAsync(b.As(consumerKey), new GenerateRequest { ModelId = modelId, Rows = 2000, Seed = 5, RowGroupSize = 1000 });
        Assert.Equal(2000, file.Summary.Rows);
        await using (var parquet = await ParquetReader.CreateAsync(new MemoryStream(file.Bytes)))
        {
            Assert.Equal(2000, Enumerable.Range(0, parquet.RowGroupCount).Sum(i => parquet.OpenRowGroupReader(i).RowCount));
            Assert.Equal(file.Header.GovernanceJson, parquet.CustomMetadata["synthdata.governance"]); // the footer as the header announced it
        }
        var model = b.Service<ServerStore>().Models.Get(ownerKey.TenantId, modelId)!;
        Assert.Contains(model.Sha256, file.Header.GovernanceJson); // the footer names the artifact the store recorded
        Assert.Contains(dataset.Id, file.Header.GovernanceJson);

        // A's own cached copy of the model damaged (the store's is intact): fetched again, not reported lost.
        string cachedModel = Path.Combine(a.Service<ServerStore>().Artifacts.CacheDirectory, model.ArtifactPath);
        var cachedBytes = File.ReadAllBytes(cachedModel);
        for (int i = cachedBytes.Length / 2; i < cachedBytes.Length / 2 + 64; i++) cachedBytes[i] ^= 0x5a;
        File.WriteAllBytes(cachedModel, cachedBytes);
        Assert.Equal(10, (await ServerFlow.GenerateAsync(a.As(consumerKey), new GenerateRequest { ModelId = modelId, Rows = 10 })).Summary.Rows);
        Assert.NotEqual(cachedBytes, File.ReadAllBytes(cachedModel));

        // Erased on B: gone from the store, B's copy at once, A's on A's next sweep; A refuses to train on it.
        var record = a.Service<ServerStore>().Datasets.Get(ownerKey.TenantId, dataset.Id)!;
        string cachedOnA = Path.Combine(a.Service<ServerStore>().Artifacts.CacheDirectory, record.RawPath);
        Assert.True(File.Exists(cachedOnA), "the uploading replica keeps its copy of the upload");
        await new DatasetService.DatasetServiceClient(b.As(ownerKey.ApiKey)).DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = dataset.Id });
        Assert.Empty(StoredArtifacts.Keys(b.Service<ServerStore>(), "datasets/"));
        Assert.Empty(StoredArtifacts.LocalCopies(b.Service<ServerStore>(), "datasets"));
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new TrainingService.TrainingServiceClient(a.As(ownerKey.ApiKey)).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(1, a.Service<ArtifactCacheSweeper>().Sweep());
        Assert.False(File.Exists(cachedOnA));
        Assert.Empty(StoredArtifacts.LocalCopies(a.Service<ServerStore>(), "datasets"));
    }

    [SkippableFact]
    public async Task The_same_rows_uploaded_to_either_replica_share_one_budget()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string[] settings = Settings(postgres.NewDatabase());
        await using var a = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        await using var b = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        var owner = await a.CreateKeyAsync("acme", Role.Owner);
        var onA = await Uploads.UploadBankAsync(a.As(owner.ApiKey));
        var onB = await Uploads.UploadBankAsync(b.As(owner.ApiKey));
        // Content fingerprints are keyed: with a key per data directory, B would give the same rows a fresh budget.
        var datasets = a.Service<ServerStore>().Datasets;
        Assert.Equal(datasets.Get(owner.TenantId, onA.Id)!.LedgerKey, datasets.Get(owner.TenantId, onB.Id)!.LedgerKey);
    }

    [SkippableFact]
    public async Task With_an_artifact_key_the_database_holds_no_raw_cell_of_an_upload()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: Settings(postgres.NewDatabase()));
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        await Uploads.UploadBankAsync(owner);

        var database = (PostgresDatabase)server.Service<ServerStore>().Database;
        var stored = database.Query("SELECT artifact_key, chunk_index, data FROM artifact_chunks ORDER BY artifact_key, chunk_index",
                r => (Key: r.Text("artifact_key"), Data: r.Bytes("data")))
            .GroupBy(c => c.Key).Select(g => Encoding.Latin1.GetString(g.SelectMany(c => c.Data).ToArray())).ToList();
        Assert.Single(stored);

        // Every identifier and email of the table (unique per row, so a hit could not be chance), and the CSV's header line.
        using var reader = TableReaders.Open(TestFiles.BankCsv);
        var names = reader.ColumnNames.ToList();
        int id = names.IndexOf("customer_id"), email = names.IndexOf("email");
        var cells = reader.ReadRows().SelectMany(row => new[] { row.Cells[id]!, row.Cells[email]! }).Append(string.Join(",", names)).ToList();
        Assert.True(cells.Count > 8000);
        // The same search finds them in the uploaded bytes: it is able to fail.
        string plain = Encoding.Latin1.GetString(File.ReadAllBytes(TestFiles.BankCsv));
        Assert.All(cells.Take(10), c => Assert.Contains(c, plain, StringComparison.Ordinal));
        foreach (string blob in stored)
        {
            var leaked = cells.Where(c => blob.Contains(c, StringComparison.Ordinal)).Take(3).ToList();
            Assert.True(leaked.Count == 0, $"raw cells in the database: {string.Join(", ", leaked)}");
        }
    }

    [Fact]
    public void A_postgres_store_without_an_artifact_key_refuses_to_start_naming_the_setting()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Hosting.ServerHost.Create(
        [
            "--urls=http://127.0.0.1:0", $"--SynthData:DataDirectory={TestFiles.NewTempDirectory()}", "--SynthData:Store=postgres",
            "--SynthData:ConnectionString=Host=127.0.0.1;Port=1;Username=u;Database=sd;Timeout=2",
        ], console: TextWriter.Null));
        Assert.StartsWith("Refusing to start: SynthData:Store is postgres but SynthData:ArtifactKey is empty", refusal.Message, StringComparison.Ordinal);
    }
}
