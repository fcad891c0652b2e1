using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
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
public sealed class PrivacyBudgetLedger
{
    const int SchemaVersion = 1;
    readonly string _connectionString;
    readonly IPrivacyAccountant _accountant;

    PrivacyBudgetLedger(string path, IPrivacyAccountant accountant)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString();
        _accountant = accountant;
    }

    public static PrivacyBudgetLedger Open(string sqlitePath, IPrivacyAccountant accountant)
    {
        var ledger = new PrivacyBudgetLedger(sqlitePath, accountant);
        using var connection = ledger.Connect();
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
            INSERT INTO privacy_ledger_version (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM privacy_ledger_version);
            """);
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT version FROM privacy_ledger_version";
        long version = (long)check.ExecuteScalar()!;
        if (version != SchemaVersion) throw new InvalidDataException($"{sqlitePath}: privacy ledger schema {version} is not supported (expected {SchemaVersion}).");
        return ledger;
    }

    SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 60000;");
        return connection;
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Admits the run iff the dataset's lifetime epsilon, composing every reserved and charged run with this one, stays within the budget.</summary>
    public BudgetReservation TryReserve(string datasetId, string runId, PrivacyEvent planned, double lifetimeBudget, double delta)
    {
        using var connection = Connect();
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var events = Events(connection, datasetId).Append(planned).ToArray();
            double epsilon = _accountant.GetEpsilon(new ComposedEvent(events), delta).Epsilon;
            bool admitted = epsilon <= lifetimeBudget;
            if (admitted)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO privacy_ledger (run_id, dataset_id, state, event_json, created_utc) VALUES ($run, $dataset, $state, $event, $now)";
                insert.Parameters.AddWithValue("$run", runId);
                insert.Parameters.AddWithValue("$dataset", datasetId);
                insert.Parameters.AddWithValue("$state", nameof(LedgerState.Reserved));
                insert.Parameters.AddWithValue("$event", JsonSerializer.Serialize(planned, SynthDataJson.Compact));
                insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
            }
            Execute(connection, admitted ? "COMMIT" : "ROLLBACK");
            return new BudgetReservation(admitted, runId, epsilon, lifetimeBudget, delta);
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>Replaces a run's reservation by what it actually consumed (a failed run passes the steps it took).</summary>
    public void Settle(string runId, PrivacyEvent consumed)
    {
        using var connection = Connect();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE privacy_ledger SET state = $state, event_json = $event, settled_utc = $now WHERE run_id = $run";
        update.Parameters.AddWithValue("$state", nameof(LedgerState.Charged));
        update.Parameters.AddWithValue("$event", JsonSerializer.Serialize(consumed, SynthDataJson.Compact));
        update.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$run", runId);
        if (update.ExecuteNonQuery() != 1) throw new InvalidOperationException($"No ledger entry for run {runId}.");
    }

    /// <summary>The accountant's composition of every reserved and charged run of the dataset.</summary>
    public double LifetimeEpsilon(string datasetId, double delta)
    {
        using var connection = Connect();
        var events = Events(connection, datasetId).ToArray();
        return events.Length == 0 ? 0 : _accountant.GetEpsilon(new ComposedEvent(events), delta).Epsilon;
    }

    public IReadOnlyList<LedgerEntry> Entries(string datasetId)
    {
        using var connection = Connect();
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
        query.CommandText = "SELECT event_json FROM privacy_ledger WHERE dataset_id = $dataset";
        query.Parameters.AddWithValue("$dataset", datasetId);
        using var reader = query.ExecuteReader();
        var events = new List<PrivacyEvent>();
        while (reader.Read()) events.Add(JsonSerializer.Deserialize<PrivacyEvent>(reader.GetString(0), SynthDataJson.Compact)!);
        return events;
    }
}
