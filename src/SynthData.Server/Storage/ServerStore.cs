using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SynthData.Server.Storage;

/// <summary>
/// The server's SQLite store (&lt;DataDirectory&gt;/synthdata.db): tenants, keys, datasets, jobs, models,
/// approvals and the audit log. One short-lived connection per operation (the driver pools them);
/// WAL lets readers run beside the single writer, and the busy timeout makes concurrent writers wait
/// instead of failing. Every read that takes a tenant id filters on it: isolation lives here, once.
/// </summary>
public sealed class ServerStore
{
    readonly string _connectionString;

    public string DataDirectory { get; }

    /// <summary>The secret keying content fingerprints: made on first start, kept 0600 in the data directory, never sent.</summary>
    public byte[] FingerprintKey { get; }

    public ServerStore(string dataDirectory)
    {
        DataDirectory = PrivateFiles.CreateDirectory(Path.GetFullPath(dataDirectory));
        string database = Path.Combine(DataDirectory, "synthdata.db");
        PrivateFiles.PrepareDatabase(database);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = database,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            using var connection = Open();
            Execute(connection, "PRAGMA journal_mode = WAL;");
            StoreSchema.Migrate(connection);
        }
        catch (SqliteException e)
        {
            throw new DamagedDatabaseException(database, "the server's store", e);
        }
        FingerprintKey = Core.Tabular.FingerprintKey.LoadOrCreate(DataDirectory);
    }

    public string RawDirectory(string tenantId) => Path.Combine(DataDirectory, "raw", tenantId);
    public string ArtifactDirectory(string tenantId) => Path.Combine(DataDirectory, "artifacts", tenantId);
    public string TempDirectory => Path.Combine(DataDirectory, "tmp");

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;");
        return connection;
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    int NonQuery(string sql, params (string, object?)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
    static DateTimeOffset Time(SqliteDataReader r, int i) => DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture);
    static DateTimeOffset? OptionalTime(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);
    public static string NewId(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
    static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    // ---- tenants and keys ----

    public bool HasAnyApiKey() => Query("SELECT 1 FROM api_keys LIMIT 1", _ => true).Count > 0;

    /// <summary>The tenant's id, creating the tenant when it is new.</summary>
    public string EnsureTenant(string name)
    {
        NonQuery("INSERT OR IGNORE INTO tenants (id, name, created_at) VALUES ($id, $name, $at)",
            ("$id", NewId("tn")), ("$name", name), ("$at", Now()));
        return Query("SELECT id FROM tenants WHERE name = $name", r => r.GetString(0), ("$name", name)).Single();
    }

    public ApiKeyRecord AddApiKey(string tenantId, CallerRole role, string label, string apiKey)
    {
        var record = new ApiKeyRecord(NewId("key"), tenantId, role, label);
        NonQuery("INSERT INTO api_keys (id, key_sha256, tenant_id, role, label, created_at) VALUES ($id, $hash, $tenant, $role, $label, $at)",
            ("$id", record.Id), ("$hash", Hash(apiKey)), ("$tenant", tenantId), ("$role", role.ToString().ToLowerInvariant()),
            ("$label", label), ("$at", Now()));
        return record;
    }

    public ApiKeyRecord? FindApiKey(string apiKey) =>
        Query("SELECT id, tenant_id, role, label FROM api_keys WHERE key_sha256 = $hash AND revoked = 0",
            r => new ApiKeyRecord(r.GetString(0), r.GetString(1), Enum.Parse<CallerRole>(r.GetString(2), ignoreCase: true), r.GetString(3)),
            ("$hash", Hash(apiKey))).SingleOrDefault();

    /// <summary>The tenant's id, or null when no tenant has that name (nothing is created).</summary>
    public string? FindTenant(string name) =>
        Query("SELECT id FROM tenants WHERE name = $name", r => r.GetString(0), ("$name", name)).SingleOrDefault();

    public string TenantName(string tenantId) =>
        Query("SELECT name FROM tenants WHERE id = $id", r => r.GetString(0), ("$id", tenantId)).Single();

    const string KeyListingSelect = "SELECT k.id, k.tenant_id, t.name, k.role, k.label, k.created_at, k.revoked FROM api_keys k JOIN tenants t ON t.id = k.tenant_id";

    static ApiKeyListing ReadKeyListing(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<CallerRole>(r.GetString(3), ignoreCase: true), r.GetString(4), Time(r, 5), r.GetInt64(6) != 0);

    /// <summary>The tenant's keys (every tenant's when null), oldest first.</summary>
    public IReadOnlyList<ApiKeyListing> ListApiKeys(string? tenantId) =>
        Query($"{KeyListingSelect} WHERE ($tenant IS NULL OR k.tenant_id = $tenant) ORDER BY k.created_at, k.id", ReadKeyListing, ("$tenant", tenantId));

    public ApiKeyListing? GetApiKeyListing(string keyId) =>
        Query($"{KeyListingSelect} WHERE k.id = $id", ReadKeyListing, ("$id", keyId)).SingleOrDefault();

    /// <summary>Revokes the key for good: <see cref="FindApiKey"/> no longer finds it, so its next call is refused.</summary>
    public void RevokeApiKey(string keyId) => NonQuery("UPDATE api_keys SET revoked = 1 WHERE id = $id", ("$id", keyId));

    // ---- datasets ----

    const string DatasetColumns = "id, tenant_id, name, format, row_count, schema_json, policy_id, fingerprint, raw_path, erased, created_at, delimiter, content_fingerprint, ledger_key";

    static DatasetRecord ReadDataset(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetString(8), r.GetInt64(9) != 0, Time(r, 10), r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetString(13));

    public void InsertDataset(DatasetRecord d) =>
        NonQuery($"INSERT INTO datasets ({DatasetColumns}) VALUES ($id, $tenant, $name, $format, $rows, $schema, $policy, $fp, $raw, 0, $at, $delimiter, $content, $ledger)",
            ("$id", d.Id), ("$tenant", d.TenantId), ("$name", d.Name), ("$format", d.Format), ("$rows", d.RowCount),
            ("$schema", d.SchemaJson), ("$policy", d.PolicyId), ("$fp", d.Fingerprint), ("$raw", d.RawPath),
            ("$at", d.CreatedAt.ToString("O", CultureInfo.InvariantCulture)), ("$delimiter", d.Delimiter), ("$content", d.ContentFingerprint), ("$ledger", d.LedgerKey));

    /// <summary>The dataset when it belongs to the tenant; another tenant's id looks exactly like an unknown one.</summary>
    public DatasetRecord? GetDataset(string tenantId, string datasetId) =>
        Query($"SELECT {DatasetColumns} FROM datasets WHERE id = $id AND tenant_id = $tenant", ReadDataset,
            ("$id", datasetId), ("$tenant", tenantId)).SingleOrDefault();

    public IReadOnlyList<DatasetRecord> ListDatasets(string tenantId) =>
        Query($"SELECT {DatasetColumns} FROM datasets WHERE tenant_id = $tenant ORDER BY created_at, id", ReadDataset, ("$tenant", tenantId));

    /// <summary>Server-internal (startup recovery): every tenant's datasets.</summary>
    public IReadOnlyList<DatasetRecord> AllDatasets() => Query($"SELECT {DatasetColumns} FROM datasets ORDER BY created_at, id", ReadDataset);

    /// <summary>Records the content fingerprint of an upload made before content fingerprints (its ledger key stays).</summary>
    public void SetContentFingerprint(string tenantId, string datasetId, string contentFingerprint) =>
        NonQuery("UPDATE datasets SET content_fingerprint = $content WHERE id = $id AND tenant_id = $tenant AND content_fingerprint IS NULL",
            ("$content", contentFingerprint), ("$id", datasetId), ("$tenant", tenantId));

    /// <summary>The ledger key of the tenant's earliest dataset with these rows, or null when they are new.</summary>
    public string? LedgerKeyOfContent(string tenantId, string contentFingerprint) =>
        Query("SELECT ledger_key FROM datasets WHERE tenant_id = $tenant AND content_fingerprint = $content AND ledger_key IS NOT NULL ORDER BY created_at, id LIMIT 1",
            r => r.GetString(0), ("$tenant", tenantId), ("$content", contentFingerprint)).SingleOrDefault();

    public void MarkDatasetErased(string tenantId, string datasetId) =>
        NonQuery("UPDATE datasets SET erased = 1 WHERE id = $id AND tenant_id = $tenant", ("$id", datasetId), ("$tenant", tenantId));

    // ---- jobs ----

    const string JobColumns = "id, tenant_id, dataset_id, kind, state, steps_taken, total_steps, target_epsilon, delta, epsilon_spent, " +
                              "noise_multiplier, last_loss, model_id, parameters_json, reasons_json, created_at, started_at, finished_at, steps_charged";

    static JobRecord ReadJob(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<JobState>(r.GetString(4), ignoreCase: true),
        r.GetInt64(5), r.GetInt64(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.GetString(13), JsonSerializer.Deserialize<string[]>(r.GetString(14)) ?? [],
        Time(r, 15), OptionalTime(r, 16), OptionalTime(r, 17), r.GetInt64(18));

    static string StateText(JobState state) => state.ToString().ToLowerInvariant();

    public JobRecord InsertJob(string tenantId, string datasetId, string kind, long totalSteps, double targetEpsilon, double delta, string parametersJson)
    {
        string id = NewId("job");
        NonQuery("INSERT INTO jobs (id, tenant_id, dataset_id, kind, state, total_steps, target_epsilon, delta, parameters_json, created_at) " +
                 "VALUES ($id, $tenant, $dataset, $kind, 'queued', $total, $eps, $delta, $params, $at)",
            ("$id", id), ("$tenant", tenantId), ("$dataset", datasetId), ("$kind", kind), ("$total", totalSteps),
            ("$eps", targetEpsilon), ("$delta", delta), ("$params", parametersJson), ("$at", Now()));
        return GetJob(id)!;
    }

    /// <summary>Server-internal lookup (the job runner); RPCs use the tenant-scoped overload.</summary>
    public JobRecord? GetJob(string jobId) =>
        Query($"SELECT {JobColumns} FROM jobs WHERE id = $id", ReadJob, ("$id", jobId)).SingleOrDefault();

    public JobRecord? GetJob(string tenantId, string jobId) =>
        Query($"SELECT {JobColumns} FROM jobs WHERE id = $id AND tenant_id = $tenant", ReadJob, ("$id", jobId), ("$tenant", tenantId)).SingleOrDefault();

    public IReadOnlyList<JobRecord> ListJobs(string tenantId, string? datasetId) =>
        Query($"SELECT {JobColumns} FROM jobs WHERE tenant_id = $tenant AND ($dataset IS NULL OR dataset_id = $dataset) ORDER BY created_at, id",
            ReadJob, ("$tenant", tenantId), ("$dataset", string.IsNullOrEmpty(datasetId) ? null : datasetId));

    public IReadOnlyList<JobRecord> JobsInState(JobState state) =>
        Query($"SELECT {JobColumns} FROM jobs WHERE state = $state ORDER BY created_at", ReadJob, ("$state", StateText(state)));

    /// <summary>Queued -> Running; false when the job is no longer queued (cancelled while waiting).</summary>
    public bool MarkJobRunning(string jobId) =>
        NonQuery("UPDATE jobs SET state = 'running', started_at = $at WHERE id = $id AND state = 'queued'", ("$id", jobId), ("$at", Now())) == 1;

    public void RecordJobProgress(string jobId, long stepsTaken, long totalSteps, double epsilonSpent, double noiseMultiplier, double lastLoss) =>
        NonQuery("UPDATE jobs SET steps_taken = $steps, total_steps = $total, epsilon_spent = $eps, noise_multiplier = $sigma, last_loss = $loss " +
                 "WHERE id = $id AND state = 'running'",
            ("$id", jobId), ("$steps", stepsTaken), ("$total", totalSteps), ("$eps", epsilonSpent), ("$sigma", noiseMultiplier), ("$loss", lastLoss));

    /// <summary>
    /// Moves a job that is not yet terminal to a terminal state; false when it already was (a
    /// terminal state is final, so a late writer cannot overwrite the first outcome).
    /// </summary>
    public bool FinishJob(string jobId, JobState state, IReadOnlyList<string> reasons, string? modelId = null)
    {
        if (!state.IsTerminal()) throw new ArgumentException("Not a terminal state.", nameof(state));
        return NonQuery("UPDATE jobs SET state = $state, reasons_json = $reasons, model_id = COALESCE($model, model_id), finished_at = $at " +
                        "WHERE id = $id AND state IN ('queued','running')",
            ("$id", jobId), ("$state", StateText(state)), ("$reasons", JsonSerializer.Serialize(reasons)), ("$model", modelId), ("$at", Now())) == 1;
    }

    /// <summary>
    /// Raises the job's write-ahead step charge (never lowers it): recorded before those steps run, so after a
    /// crash the ledger charges at least what was consumed.
    /// </summary>
    public void ChargeStepsAhead(string jobId, long steps) =>
        NonQuery("UPDATE jobs SET steps_charged = MAX(steps_charged, $steps) WHERE id = $id", ("$id", jobId), ("$steps", steps));

    // ---- models ----

    const string ModelColumns = "id, tenant_id, job_id, dataset_id, artifact_path, sha256, release_state, release_decision_json, reviewer_json, created_at";

    static ModelRecord ReadModel(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        Enum.Parse<ReleaseState>(r.GetString(6), ignoreCase: true), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), Time(r, 9));

    public ModelRecord InsertModel(string id, string tenantId, string jobId, string datasetId, string artifactPath, string sha256)
    {
        NonQuery($"INSERT INTO models ({ModelColumns}) VALUES ($id, $tenant, $job, $dataset, $path, $sha, 'pending', NULL, NULL, $at)",
            ("$id", id), ("$tenant", tenantId), ("$job", jobId), ("$dataset", datasetId), ("$path", artifactPath), ("$sha", sha256), ("$at", Now()));
        return GetModel(tenantId, id)!;
    }

    /// <summary>The model when it belongs to the tenant; another tenant's id looks exactly like an unknown one.</summary>
    public ModelRecord? GetModel(string tenantId, string modelId) =>
        Query($"SELECT {ModelColumns} FROM models WHERE id = $id AND tenant_id = $tenant", ReadModel, ("$id", modelId), ("$tenant", tenantId)).SingleOrDefault();

    public IReadOnlyList<ModelRecord> ListModels(string tenantId, string? datasetId) =>
        Query($"SELECT {ModelColumns} FROM models WHERE tenant_id = $tenant AND ($dataset IS NULL OR dataset_id = $dataset) ORDER BY created_at, id",
            ReadModel, ("$tenant", tenantId), ("$dataset", string.IsNullOrEmpty(datasetId) ? null : datasetId));

    /// <summary>Records a release decision; <paramref name="reviewerJson"/> null keeps the recorded reviewer.</summary>
    public void SetModelRelease(string modelId, ReleaseState state, string releaseDecisionJson, string? reviewerJson = null) =>
        NonQuery("UPDATE models SET release_state = $state, release_decision_json = $decision, reviewer_json = COALESCE($reviewer, reviewer_json) WHERE id = $id",
            ("$id", modelId), ("$state", state.ToString().ToLowerInvariant()), ("$decision", releaseDecisionJson), ("$reviewer", reviewerJson));

    public void InsertApproval(string modelId, string reviewerKeyId, bool approved, string comment) =>
        NonQuery("INSERT INTO approvals (id, model_id, reviewer_key_id, decision, comment, at) VALUES ($id, $model, $key, $decision, $comment, $at)",
            ("$id", NewId("apr")), ("$model", modelId), ("$key", reviewerKeyId), ("$decision", approved ? "approved" : "rejected"),
            ("$comment", comment), ("$at", Now()));

    /// <summary>The latest reviewer decision on the model (true approved, false rejected), or null when nobody reviewed it.</summary>
    public bool? LatestReview(string modelId) =>
        Query("SELECT decision FROM approvals WHERE model_id = $model ORDER BY rowid DESC LIMIT 1",
            r => r.GetString(0) == "approved", ("$model", modelId)).Cast<bool?>().SingleOrDefault();

    // ---- audit log ----

    public void Log(string? tenantId, string actor, string action, string subjectId, string detail) =>
        NonQuery("INSERT INTO audit_log (tenant_id, actor, action, subject_id, detail, at) VALUES ($tenant, $actor, $action, $subject, $detail, $at)",
            ("$tenant", tenantId), ("$actor", actor), ("$action", action), ("$subject", subjectId), ("$detail", detail), ("$at", Now()));

    public IReadOnlyList<AuditLogRecord> ReadLog(string tenantId, string? subjectId, int limit) =>
        Query("SELECT at, actor, action, subject_id, detail FROM audit_log WHERE tenant_id = $tenant AND ($subject IS NULL OR subject_id = $subject) " +
              "ORDER BY seq DESC LIMIT $limit",
            r => new AuditLogRecord(Time(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)),
            ("$tenant", tenantId), ("$subject", string.IsNullOrEmpty(subjectId) ? null : subjectId), ("$limit", limit));
}
