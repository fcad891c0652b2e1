using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static SynthData.Core.Governance.Ledger.LedgerSqlite;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Core.Governance.Ledger;

/// <summary>
/// Each dataset's privacy ledger in SQLite. The lifetime epsilon is the accountant's composition of
/// every recorded mechanism (never a sum of epsilons). Admission reserves a run's planned mechanisms
/// inside BEGIN IMMEDIATE, which serialises writers across connections and processes, so concurrent
/// admissions can never overspend; settlement replaces the reservation by what the run actually
/// consumed, so a failed or cancelled run is charged for the steps it took.
/// </summary>
public sealed class PrivacyBudgetLedger : IPrivacyBudgetLedger
{
    /// <summary>The ledger file's schema version this code reads and writes; older files are upgraded on open.</summary>
    public const int SchemaVersion = 3;
    readonly string _connectionString;
    // Reads (one autocommit SELECT each) reuse pooled connections: a page of datasets reads every one's budget and
    // entries, and opening a connection per read dominated ListDatasets. Writes keep unpooled connections, so a write
    // that fails between BEGIN IMMEDIATE and COMMIT can never hand a connection inside a transaction to the pool.
    readonly string _readConnectionString;
    readonly IPrivacyAccountant _accountant;

    PrivacyBudgetLedger(string path, IPrivacyAccountant accountant)
    {
        _connectionString = LedgerSqlite.ConnectionString(path);
        _readConnectionString = LedgerSqlite.ConnectionString(path, pooled: true);
        _accountant = accountant;
    }

    /// <summary>Opens (creating or upgrading if needed) the ledger at <paramref name="sqlitePath"/>; throws on a schema version it does not support.</summary>
    public static PrivacyBudgetLedger Open(string sqlitePath, IPrivacyAccountant accountant)
    {
        var ledger = new PrivacyBudgetLedger(sqlitePath, accountant);
        using var connection = ledger.Connect();
        Execute(connection, "BEGIN IMMEDIATE");
        // Version 2 added privacy_datasets, version 3 dataset_identities; both additive, so older files are upgraded in place.
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS privacy_ledger_version (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS privacy_ledger (
                run_id TEXT PRIMARY KEY,
                dataset_id TEXT NOT NULL,
                state TEXT NOT NULL,
                event_json TEXT NOT NULL,
                created_utc TEXT NOT NULL,
                settled_utc TEXT);
            CREATE INDEX IF NOT EXISTS privacy_ledger_dataset ON privacy_ledger (dataset_id);
            CREATE TABLE IF NOT EXISTS privacy_datasets (
                dataset_id TEXT PRIMARY KEY,
                lifetime_budget REAL NOT NULL,
                delta REAL NOT NULL,
                created_utc TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS dataset_identities (
                fingerprint TEXT PRIMARY KEY,
                dataset_id TEXT NOT NULL UNIQUE,
                created_utc TEXT NOT NULL);
            INSERT INTO privacy_ledger_version (version) SELECT 3 WHERE NOT EXISTS (SELECT 1 FROM privacy_ledger_version);
            UPDATE privacy_ledger_version SET version = 3 WHERE version IN (1, 2);
            """);
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT version FROM privacy_ledger_version";
        long version = (long)check.ExecuteScalar()!;
        Execute(connection, "COMMIT");
        if (version != SchemaVersion) throw new InvalidDataException($"{sqlitePath}: privacy ledger schema {version} is not supported (expected {SchemaVersion}).");
        return ledger;
    }

    SqliteConnection Connect() => LedgerSqlite.Open(_connectionString);

    /// <summary>A pooled connection for one autocommit read (see <see cref="_readConnectionString"/>).</summary>
    SqliteConnection ConnectForReading() => LedgerSqlite.Open(_readConnectionString);

    /// <summary>
    /// The random public id this ledger gave the table with this keyed content fingerprint, assigned on first sight:
    /// one id, and so one budget, per table however often it is re-saved, reordered or converted. The fingerprint
    /// stays in the ledger (private, beside the key); only the id is ever published.
    /// </summary>
    public string DatasetIdFor(string fingerprint)
    {
        using var connection = Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO dataset_identities (fingerprint, dataset_id, created_utc) VALUES ($fingerprint, $id, $now)";
        insert.Parameters.AddWithValue("$fingerprint", fingerprint);
        insert.Parameters.AddWithValue("$id", DatasetIds.New());
        insert.Parameters.AddWithValue("$now", Now());
        insert.ExecuteNonQuery();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT dataset_id FROM dataset_identities WHERE fingerprint = $fingerprint";
        query.Parameters.AddWithValue("$fingerprint", fingerprint);
        return (string)query.ExecuteScalar()!;
    }

    /// <summary>
    /// Admits the run iff the dataset's lifetime epsilon, the accountant's composition of every reserved and
    /// charged run with this one, stays within the budget. The first reservation of a dataset records its budget
    /// and delta; later ones are held to the smaller of the recorded and the requested budget, and a smaller one is stored
    /// (a later policy may tighten, never loosen, a dataset's lifetime) and composed at the recorded delta, so the lifetime figure
    /// always means the same thing.
    /// </summary>
    public BudgetReservation TryReserve(string datasetId, string runId, PrivacyEvent planned, double lifetimeBudget, double delta)
    {
        BudgetAdmission.CheckArguments(lifetimeBudget, delta);
        using var connection = Connect();
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var recorded = ReadBudget(connection, datasetId);
            var decision = BudgetAdmission.Decide(recorded, Events(connection, datasetId), planned, lifetimeBudget, delta, _accountant);
            (bool admitted, bool tightened, double budget) = (decision.Admitted, decision.Tightened, decision.Budget);
            if (tightened)
            {
                // Stored even when this run is denied: a later, looser policy must not widen the budget again.
                using var tighten = connection.CreateCommand();
                tighten.CommandText = "UPDATE privacy_datasets SET lifetime_budget = MIN(lifetime_budget, $budget) WHERE dataset_id = $dataset";
                tighten.Parameters.AddWithValue("$budget", budget);
                tighten.Parameters.AddWithValue("$dataset", datasetId);
                tighten.ExecuteNonQuery();
            }
            if (admitted)
            {
                string now = Now();
                if (recorded is null)
                {
                    using var dataset = connection.CreateCommand();
                    dataset.CommandText = "INSERT INTO privacy_datasets (dataset_id, lifetime_budget, delta, created_utc) VALUES ($dataset, $budget, $delta, $now)";
                    dataset.Parameters.AddWithValue("$dataset", datasetId);
                    dataset.Parameters.AddWithValue("$budget", lifetimeBudget);
                    dataset.Parameters.AddWithValue("$delta", delta);
                    dataset.Parameters.AddWithValue("$now", now);
                    dataset.ExecuteNonQuery();
                }
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO privacy_ledger (run_id, dataset_id, state, event_json, created_utc) VALUES ($run, $dataset, $state, $event, $now)";
                insert.Parameters.AddWithValue("$run", runId);
                insert.Parameters.AddWithValue("$dataset", datasetId);
                insert.Parameters.AddWithValue("$state", nameof(LedgerState.Reserved));
                insert.Parameters.AddWithValue("$event", JsonSerializer.Serialize(planned, SynthDataJson.Compact));
                insert.Parameters.AddWithValue("$now", now);
                insert.ExecuteNonQuery();
            }
            Execute(connection, admitted || tightened ? "COMMIT" : "ROLLBACK");
            return decision.Reservation(runId);
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>
    /// Replaces a run's reservation by what it actually consumed: a run that failed halfway passes the
    /// mechanisms it ran (its preprocessing and the steps it took). Only a reserved run can be settled, once.
    /// </summary>
    public void Settle(string runId, PrivacyEvent consumed) =>
        Finish(runId, LedgerState.Charged, JsonSerializer.Serialize(consumed, SynthDataJson.Compact));

    /// <summary>
    /// Gives a reservation back: only for a run that ended before reading any private row (anything that read
    /// rows, even preprocessing, must be settled with what it consumed). The entry stays, costing nothing.
    /// </summary>
    public void ReleaseReservation(string runId) => Finish(runId, LedgerState.Released, null);

    void Finish(string runId, LedgerState state, string? eventJson)
    {
        using var connection = Connect();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE privacy_ledger SET state = $state, event_json = COALESCE($event, event_json), settled_utc = $now WHERE run_id = $run AND state = $reserved";
        update.Parameters.AddWithValue("$state", state.ToString());
        update.Parameters.AddWithValue("$event", (object?)eventJson ?? DBNull.Value);
        update.Parameters.AddWithValue("$now", Now());
        update.Parameters.AddWithValue("$run", runId);
        update.Parameters.AddWithValue("$reserved", nameof(LedgerState.Reserved));
        if (update.ExecuteNonQuery() == 1) return;
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT state FROM privacy_ledger WHERE run_id = $run";
        query.Parameters.AddWithValue("$run", runId);
        throw query.ExecuteScalar() is string current
            ? new InvalidOperationException($"Ledger entry for run {runId} is already {current}; only a reserved run can be settled or released.")
            : new InvalidOperationException($"No ledger entry for run {runId}.");
    }

    /// <summary>The dataset's recorded lifetime budget and delta, or null before its first reservation.</summary>
    public DatasetBudget? Budget(string datasetId)
    {
        using var connection = ConnectForReading();
        return ReadBudget(connection, datasetId);
    }

    /// <summary>The accountant's composition of every reserved and charged run of the dataset (released reservations cost nothing).</summary>
    public double LifetimeEpsilon(string datasetId, double delta)
    {
        using var connection = ConnectForReading();
        var events = Events(connection, datasetId).ToArray();
        return events.Length == 0 ? 0 : _accountant.GetEpsilon(new ComposedEvent(events), delta).Epsilon;
    }

    /// <inheritdoc/>
    public IReadOnlyList<LedgerEntry> Entries(string datasetId)
    {
        using var connection = ConnectForReading();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT run_id, state, event_json, created_utc, settled_utc FROM privacy_ledger WHERE dataset_id = $dataset ORDER BY created_utc, run_id";
        query.Parameters.AddWithValue("$dataset", datasetId);
        using var reader = query.ExecuteReader();
        var entries = new List<LedgerEntry>();
        while (reader.Read())
            entries.Add(new LedgerEntry(reader.GetString(0), datasetId, Enum.Parse<LedgerState>(reader.GetString(1)),
                JsonSerializer.Deserialize<PrivacyEvent>(reader.GetString(2), SynthDataJson.Compact)!,
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        return entries;
    }

    static IEnumerable<PrivacyEvent> Events(SqliteConnection connection, string datasetId)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT event_json FROM privacy_ledger WHERE dataset_id = $dataset AND state != $released";
        query.Parameters.AddWithValue("$dataset", datasetId);
        query.Parameters.AddWithValue("$released", nameof(LedgerState.Released));
        using var reader = query.ExecuteReader();
        var events = new List<PrivacyEvent>();
        while (reader.Read()) events.Add(JsonSerializer.Deserialize<PrivacyEvent>(reader.GetString(0), SynthDataJson.Compact)!);
        return events;
    }

    static DatasetBudget? ReadBudget(SqliteConnection connection, string datasetId)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT lifetime_budget, delta, created_utc FROM privacy_datasets WHERE dataset_id = $dataset";
        query.Parameters.AddWithValue("$dataset", datasetId);
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new DatasetBudget(datasetId, reader.GetDouble(0), reader.GetDouble(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture))
            : null;
    }

    static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
