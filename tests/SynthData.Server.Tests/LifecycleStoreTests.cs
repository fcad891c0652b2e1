using Microsoft.Data.Sqlite;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Postgres;

namespace SynthData.Server.Tests;

/// <summary>
/// The model lifecycle in the main store, on both backends: drift jobs are a job kind the schema accepts, pins and
/// drift checks are per tenant, and a store from before the lifecycle (schema 6) upgrades in place.
/// </summary>
[Collection("postgres")]
[Trait("Store", "postgres")] // runs on PostgreSQL whatever SYNTHDATA_TEST_STORE says: once per CI run is enough
public sealed class LifecycleStoreTests(PostgresServer postgres)
{
    static void ExerciseLifecycle(ServerStore store)
    {
        string acme = store.TenantKeys.EnsureTenant("acme"), other = store.TenantKeys.EnsureTenant("other");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = acme, Name = "t", Format = "csv", RowCount = 10, SchemaJson = "{}",
            PolicyId = "default", RawPath = "/nowhere.csv", CreatedAt = DateTimeOffset.UtcNow, LedgerKey = "acme/ds-1" };
        store.Datasets.Insert(dataset);
        var training = store.Jobs.Insert(acme, dataset.Id, "train", 10, 1, 1e-5, "{}");
        var model = store.Models.Insert(ServerStore.NewId("model"), acme, training.Id, dataset.Id, "/nowhere.model", "00");
        var drift = store.Jobs.Insert(acme, dataset.Id, "drift", 1, 0.5, 1e-5, "{}");
        Assert.Equal("drift", store.Jobs.Get(acme, drift.Id)!.Kind);

        store.Lifecycle.InsertDriftCheck(new DriftCheckRecord(drift.Id, acme, model.Id, dataset.Id, "acme/ds-1", null, drift.CreatedAt, null));
        store.Lifecycle.FinishDriftCheck(drift.Id, "{\"epsilon\":0.5}");
        var stored = store.Lifecycle.GetDriftCheck(acme, drift.Id)!;
        Assert.Equal("{\"epsilon\":0.5}", stored.ResultJson);
        Assert.NotNull(stored.FinishedAt);
        Assert.Null(store.Lifecycle.GetDriftCheck(other, drift.Id)); // another tenant's id looks unknown
        Assert.Equal([drift.Id], store.Lifecycle.DriftChecks(acme, "acme/ds-1").Select(c => c.JobId));
        Assert.Empty(store.Lifecycle.DriftChecks(other, "acme/ds-1"));

        store.Lifecycle.Pin(acme, "acme/ds-1", model.Id);
        store.Lifecycle.Pin(acme, "acme/ds-1", model.Id); // pinning again replaces
        Assert.Equal(model.Id, store.Lifecycle.PinnedModel(acme, "acme/ds-1"));
        Assert.Null(store.Lifecycle.PinnedModel(other, "acme/ds-1"));
        store.Lifecycle.Unpin(acme, "acme/ds-1");
        Assert.Null(store.Lifecycle.PinnedModel(acme, "acme/ds-1"));
        Assert.ThrowsAny<Exception>(() => store.Jobs.Insert(acme, dataset.Id, "mining", 1, 0.5, 1e-5, "{}")); // the CHECK still holds
    }

    [Fact]
    public void Sqlite_keeps_pins_and_drift_checks_per_tenant() => ExerciseLifecycle(new ServerStore(Path.Combine(TestFiles.NewTempDirectory(), "data")));

    [SkippableFact]
    public void Postgres_keeps_pins_and_drift_checks_per_tenant()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase();
        ExerciseLifecycle(new ServerStore(Path.Combine(TestFiles.NewTempDirectory(), "data"), _ => new PostgresDatabase(database)));
    }

    [Fact]
    public void A_schema_6_store_upgrades_in_place_and_then_accepts_drift_jobs()
    {
        string directory = Path.Combine(TestFiles.NewTempDirectory(), "data");
        _ = new ServerStore(directory);
        // Back to schema 6, as the previous server left it: jobs.kind limited to training and audits, no lifecycle tables,
        // no cancel flags (schema 8).
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "synthdata.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE drift_checks; DROP TABLE current_models;
                ALTER TABLE jobs DROP COLUMN cancel_requested; ALTER TABLE jobs DROP COLUMN cancel_reason;
                PRAGMA writable_schema = ON;
                UPDATE sqlite_schema SET sql = replace(sql, ',''drift''', '') WHERE type = 'table' AND name = 'jobs';
                PRAGMA writable_schema = RESET;
                PRAGMA user_version = 6;
                """;
            command.ExecuteNonQuery();
        }
        ExerciseLifecycle(new ServerStore(directory));
    }
}
