using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SynthData.Server.Hosting;
using SynthData.Server.Storage;

namespace SynthData.Server.Lifecycle;

/// <summary>A drift check as stored: its figures as JSON (DP outputs only), or why it failed.</summary>
public sealed record DriftCheckRecord(string Id, string TenantId, string ModelId, string DatasetId, string State, string? ResultJson, DateTimeOffset CreatedAt);

/// <summary>
/// The model lifecycle's own state (&lt;DataDirectory&gt;/lifecycle.db, private like the rest): the model a reviewer set
/// current for a lineage (keyed by the lineage's ledger key, shared by every version), and the drift checks.
/// </summary>
public sealed class LifecycleStore
{
    readonly string _connectionString;

    public LifecycleStore(IOptions<SynthDataServerOptions> options)
    {
        string path = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "lifecycle.db");
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        PrivateFiles.PrepareDatabase(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString();
        NonQuery("""
            CREATE TABLE IF NOT EXISTS current_models (
                tenant_id TEXT NOT NULL, lineage_key TEXT NOT NULL, model_id TEXT NOT NULL, set_at TEXT NOT NULL,
                PRIMARY KEY (tenant_id, lineage_key));
            CREATE TABLE IF NOT EXISTS drift_checks (
                id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, model_id TEXT NOT NULL, dataset_id TEXT NOT NULL,
                state TEXT NOT NULL, result_json TEXT, created_at TEXT NOT NULL);
            """);
        // A check still running belonged to a server that stopped: it stays failed (its reservation stays in the ledger,
        // an upper bound on what it may have read).
        NonQuery("UPDATE drift_checks SET state = 'failed' WHERE state = 'running'");
    }

    public string? PinnedModel(string tenantId, string lineageKey) =>
        Query("SELECT model_id FROM current_models WHERE tenant_id = $tenant AND lineage_key = $key", r => r.GetString(0),
            ("$tenant", tenantId), ("$key", lineageKey)).SingleOrDefault();

    public void Pin(string tenantId, string lineageKey, string modelId) =>
        NonQuery("INSERT INTO current_models (tenant_id, lineage_key, model_id, set_at) VALUES ($tenant, $key, $model, $at) " +
                 "ON CONFLICT (tenant_id, lineage_key) DO UPDATE SET model_id = $model, set_at = $at",
            ("$tenant", tenantId), ("$key", lineageKey), ("$model", modelId), ("$at", Now()));

    public void Unpin(string tenantId, string lineageKey) =>
        NonQuery("DELETE FROM current_models WHERE tenant_id = $tenant AND lineage_key = $key", ("$tenant", tenantId), ("$key", lineageKey));

    public void InsertDriftCheck(DriftCheckRecord check) =>
        NonQuery("INSERT INTO drift_checks (id, tenant_id, model_id, dataset_id, state, result_json, created_at) VALUES ($id, $tenant, $model, $dataset, $state, $result, $at)",
            ("$id", check.Id), ("$tenant", check.TenantId), ("$model", check.ModelId), ("$dataset", check.DatasetId), ("$state", check.State),
            ("$result", check.ResultJson), ("$at", check.CreatedAt.ToString("O", CultureInfo.InvariantCulture)));

    public void FinishDriftCheck(string id, string state, string resultJson) =>
        NonQuery("UPDATE drift_checks SET state = $state, result_json = $result WHERE id = $id", ("$id", id), ("$state", state), ("$result", resultJson));

    /// <summary>The check when it belongs to the tenant; another tenant's id looks exactly like an unknown one.</summary>
    public DriftCheckRecord? GetDriftCheck(string tenantId, string id) =>
        Query("SELECT id, tenant_id, model_id, dataset_id, state, result_json, created_at FROM drift_checks WHERE id = $id AND tenant_id = $tenant",
            r => new DriftCheckRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture)),
            ("$id", id), ("$tenant", tenantId)).SingleOrDefault();

    static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 60000; PRAGMA journal_mode = WAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    void NonQuery(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    IReadOnlyList<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
