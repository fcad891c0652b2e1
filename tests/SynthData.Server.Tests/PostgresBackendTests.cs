using SynthData.Core.Privacy.Accounting.Rdp;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SynthData.Core;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Synthesis;
using SynthData.Core.Tabular;
using SynthData.Server.Governance;
using SynthData.Server.Hosting;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Storage.Postgres;
using SynthData.Server.Training;

namespace SynthData.Server.Tests;

/// <summary>
/// The PostgreSQL backend as several replicas see it: each "replica" here is its own store instance (its own
/// connection pool, as a separate process would have) on one shared database.
/// </summary>
[Collection("postgres")]
[Trait("Store", "postgres")] // runs on PostgreSQL whatever SYNTHDATA_TEST_STORE says: once per CI run is enough
public sealed class PostgresBackendTests(PostgresServer postgres)
{
    static ServerStore Replica(string connectionString) =>
        new(Path.Combine(TestFiles.NewTempDirectory(), "data"), _ => new PostgresDatabase(connectionString));

    static PrivacyEvent Run(long steps) => new SelfComposedEvent(new PoissonSampledEvent(0.01, new GaussianEvent(1.0)), steps);

    [SkippableFact]
    public async Task Fifty_concurrent_admissions_over_three_replicas_against_a_budget_for_three_runs_admit_exactly_three()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase();
        var accountant = new RdpAccountant();
        // Budget halfway between three runs' and four runs' composed epsilon: exactly three fit, whatever the order.
        double three = accountant.GetEpsilon(new ComposedEvent([Run(400), Run(400), Run(400)]), 1e-5).Epsilon;
        double four = accountant.GetEpsilon(new ComposedEvent([Run(400), Run(400), Run(400), Run(400)]), 1e-5).Epsilon;
        double budget = (three + four) / 2;
        var ledgers = Enumerable.Range(0, 3).Select(_ => new PostgresPrivacyLedger((PostgresDatabase)Replica(database).Database, accountant)).ToArray();

        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return ledgers[i % 3].TryReserve("acme/table", $"run-{i}", Run(400), budget, 1e-5);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(3, results.Count(r => r.Admitted));
        Assert.Equal(3, ledgers[0].Entries("acme/table").Count);
        Assert.True(ledgers[1].LifetimeEpsilon("acme/table", 1e-5) <= budget);
    }

    [SkippableFact]
    public async Task A_job_is_claimed_once_however_many_pollers_on_however_many_replicas()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase();
        var replicas = Enumerable.Range(0, 3).Select(_ => Replica(database)).ToArray();
        string tenant = replicas[0].TenantKeys.EnsureTenant("acme");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = tenant, Name = "t", Format = "csv", RowCount = 10, SchemaJson = "{}", PolicyId = "default", Fingerprint = "", RawPath = "/nowhere.csv", Erased = false, CreatedAt = DateTimeOffset.UtcNow };
        replicas[0].Datasets.Insert(dataset);
        var jobs = Enumerable.Range(0, 20).Select(_ => replicas[0].Jobs.Insert(tenant, dataset.Id, "train", 10, 1, 1e-5, "{}").Id).ToHashSet();

        var claims = new ConcurrentBag<(string Job, string Poller)>();
        var pollers = Enumerable.Range(0, 12).Select(p => Task.Run(() =>
        {
            while (replicas[p % 3].Jobs.ClaimNextQueued($"poller-{p}", TimeSpan.FromMinutes(1)) is { } job) claims.Add((job.Id, $"poller-{p}"));
        })).ToArray();
        await Task.WhenAll(pollers);

        Assert.Equal(jobs.Count, claims.Count); // none claimed twice
        Assert.Equal(jobs, claims.Select(c => c.Job).ToHashSet());
        Assert.All(jobs, id => Assert.Equal(Storage.JobState.Running, replicas[1].Jobs.GetAcrossTenants(id)!.State));
    }

    [SkippableFact]
    public async Task An_expired_lease_is_failed_by_another_replica_and_charged_its_write_ahead_bound_once()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase();
        var (a, b) = (Replica(database), Replica(database));
        var ledgerB = new DatasetLedger(Options.Create(new SynthDataServerOptions { DataDirectory = b.DataDirectory }), b);
        string tenant = a.TenantKeys.EnsureTenant("acme");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = tenant, Name = "t", Format = "csv", RowCount = 4000, SchemaJson = "{}", PolicyId = "default", Fingerprint = "", RawPath = "/nowhere.csv", Erased = false, CreatedAt = DateTimeOffset.UtcNow, LedgerKey = $"{tenant}/table" };
        a.Datasets.Insert(dataset);
        var plan = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 1 }, new TableSchema([new ColumnSchema { Name = "x", Kind = ColumnKind.Continuous }]), 4000);
        Assert.True(StoreBackend.SharedLedger(a)!.TryReserve(dataset.LedgerKey!, "run-1", RunCharges.Planned(plan), 10, plan.Delta).Admitted);
        var parameters = new TrainingJobParameters("run-1", dataset.LedgerKey!, new TrainingConfiguration { Epsilon = 1 }, plan,
            new PolicyDecision(DecisionStage.Admission, true, [], "default", 1, DateTimeOffset.UtcNow));
        string jobId = a.Jobs.Insert(tenant, dataset.Id, "train", plan.Steps, 1, plan.Delta, parameters.ToJson()).Id;
        string kept = a.Jobs.Insert(tenant, dataset.Id, "train", plan.Steps, 1, plan.Delta, "{}").Id;

        var lease = TimeSpan.FromSeconds(4); // long enough that a loaded machine still reaps nothing before it ends
        var leasesA = new JobLeases(a, new LedgerJobLifecycleHooks(a, new DatasetLedger(Options.Create(new SynthDataServerOptions { DataDirectory = a.DataDirectory }), a),
            NullLogger<LedgerJobLifecycleHooks>.Instance), "replica-a", lease, NullLogger.Instance);
        var leasesB = new JobLeases(b, new LedgerJobLifecycleHooks(b, ledgerB, NullLogger<LedgerJobLifecycleHooks>.Instance), "replica-b", lease, NullLogger.Instance);
        Assert.Equal(jobId, a.Jobs.ClaimNextQueued("replica-a", lease)!.Id);
        long bound = plan.Steps / 3;
        a.Jobs.ChargeStepsAhead(jobId, bound);
        leasesA.Take(kept);

        // Replica A stops renewing its running job (killed); it keeps renewing the other one's lease by hand here.
        Assert.Empty(leasesB.ReapExpired()); // not expired yet
        await Task.Delay(lease + TimeSpan.FromSeconds(1));
        a.Jobs.TakeLease(kept, "replica-a", lease);
        Assert.Equal([jobId], leasesB.ReapExpired());
        Assert.Empty(leasesA.ReapExpired()); // failed once, by whichever replica got there first

        var failed = b.Jobs.GetAcrossTenants(jobId)!;
        Assert.Equal(Storage.JobState.Failed, failed.State);
        Assert.Contains("stopped renewing its lease", failed.Reasons.Single(), StringComparison.Ordinal);
        Assert.Equal(Storage.JobState.Queued, b.Jobs.GetAcrossTenants(kept)!.State);
        var entry = ledgerB.Ledger.Entries(dataset.LedgerKey!).Single();
        Assert.Equal(LedgerState.Charged, entry.State);
        Assert.Equal(JsonSerializer.Serialize(RunCharges.UpTo(plan, bound), SynthDataJson.Compact), JsonSerializer.Serialize(entry.Event, SynthDataJson.Compact));
    }

    [SkippableFact]
    public async Task Raw_uploads_are_encrypted_at_rest_in_the_database_and_read_back_whole()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase();
        var store = Replica(database);
        const string planted = "sentinel-4f1c9e-balance";
        var rows = new StringBuilder("id,secret\n");
        for (int i = 0; i < 30_000; i++) rows.Append(i).Append(',').Append(planted).Append('\n'); // ~1 MB: several chunks and segments
        byte[] plain = Encoding.UTF8.GetBytes(rows.ToString());
        byte[] key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var artifacts = new EncryptedArtifactStore(new PostgresArtifactStore((PostgresDatabase)store.Database, chunkBytes: 256 * 1024), key);

        await artifacts.WriteAsync("raw/acme/ds_1.csv", new MemoryStream(plain), CancellationToken.None);

        var stored = new MemoryStream();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT data FROM artifact_chunks ORDER BY chunk_index", connection);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Write((byte[])reader[0]);
        }
        Assert.True(stored.Length > plain.Length); // all of it is there, sealed
        Assert.Equal(-1, stored.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(planted)));
        Assert.Equal(-1, stored.ToArray().AsSpan().IndexOf("id,secret"u8));

        var back = new MemoryStream();
        await using (var read = artifacts.OpenRead("raw/acme/ds_1.csv")) await read.CopyToAsync(back);
        Assert.Equal(plain, back.ToArray());

        // Another key, or one altered byte, is refused rather than read back wrong.
        var otherKey = new EncryptedArtifactStore(new PostgresArtifactStore((PostgresDatabase)store.Database), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Throws<InvalidDataException>(() => otherKey.OpenRead("raw/acme/ds_1.csv").CopyTo(Stream.Null));
        store.Database.NonQuery("UPDATE artifact_chunks SET data = overlay(data placing '\\x00'::bytea from 5000 for 1) WHERE chunk_index = 1");
        Assert.Throws<InvalidDataException>(() => artifacts.OpenRead("raw/acme/ds_1.csv").CopyTo(Stream.Null));
    }

    [Fact]
    public async Task The_directory_store_encrypts_too_and_detects_truncation()
    {
        string root = TestFiles.NewTempDirectory();
        var artifacts = new EncryptedArtifactStore(new DirectoryArtifactStore(root), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        byte[] plain = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("row,sentinel-77aa\n", 10_000)));
        await artifacts.WriteAsync("raw/t/a.csv", new MemoryStream(plain), CancellationToken.None);
        byte[] onDisk = File.ReadAllBytes(Path.Combine(root, "raw", "t", "a.csv"));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("sentinel-77aa"u8));
        var back = new MemoryStream();
        await using (var read = artifacts.OpenRead("raw/t/a.csv")) await read.CopyToAsync(back);
        Assert.Equal(plain, back.ToArray());
        File.WriteAllBytes(Path.Combine(root, "raw", "t", "a.csv"), onDisk[..(64 * 1024 + 16 + 12)]); // header and the first full segment only
        Assert.Throws<InvalidDataException>(() => artifacts.OpenRead("raw/t/a.csv").CopyTo(Stream.Null));
    }
}
