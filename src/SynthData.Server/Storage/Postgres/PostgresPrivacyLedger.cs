using System.Text.Json;
using Npgsql;
using SynthData.Core;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage.Postgres;

/// <summary>
/// The privacy ledger in PostgreSQL, shared by every replica. A reservation takes the row lock of the dataset's budget
/// row (privacy_budget_locks, SELECT ... FOR UPDATE), composes the history and inserts the run in that one transaction:
/// a second replica admitting against the same dataset waits for the lock and then composes a history that includes
/// the first run, so concurrent admissions never overspend. Settlement and release are single-row updates of a
/// reserved run, so two replicas racing to settle it (the runner and a lease reaper) settle it once.
/// </summary>
public sealed class PostgresPrivacyLedger(PostgresDatabase db, IPrivacyAccountant accountant) : IPrivacyBudgetLedger
{
    static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string, object?)[] parameters)
    {
        var command = (NpgsqlCommand)SqlDatabase.Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    static PrivacyEvent Event(string json) => JsonSerializer.Deserialize<PrivacyEvent>(json, SynthDataJson.Compact)!;
    static string Json(PrivacyEvent e) => JsonSerializer.Serialize(e, SynthDataJson.Compact);

    public string DatasetIdFor(string fingerprint)
    {
        db.NonQuery("INSERT INTO dataset_identities (fingerprint, dataset_id, created_utc) VALUES (@fingerprint, @id, @now) ON CONFLICT (fingerprint) DO NOTHING",
            ("@fingerprint", fingerprint), ("@id", DatasetIds.New()), ("@now", SqlDatabase.Now()));
        return db.Query("SELECT dataset_id FROM dataset_identities WHERE fingerprint = @fingerprint", r => r.Text("dataset_id"), ("@fingerprint", fingerprint)).Single();
    }

    // The events a reservation composes: every run of the dataset not given back, in recorded order.
    const string HistorySql = "SELECT event_json FROM privacy_ledger WHERE dataset_id = @dataset AND state <> @released ORDER BY created_utc, run_id";

    /// <summary>How often a reservation composes outside the lock and then finds the history changed under it, before it composes under the lock.</summary>
    const int OptimisticAttempts = 8;

    public BudgetReservation TryReserve(string datasetId, string runId, PrivacyEvent planned, double lifetimeBudget, double delta)
    {
        BudgetAdmission.CheckArguments(lifetimeBudget, delta);
        // Composing is the slow part (seconds for a long history), so it is done before the lock is taken; under the
        // lock the history is read again and, when no other replica changed it meanwhile, the memoising accountant
        // answers the same question at once. A changed history means composing again, still outside the lock. The
        // decision itself is always taken under the lock on the history as it stands there: only its cost moves out.
        for (int attempt = 1; ; attempt++)
        {
            var seen = History(datasetId);
            var seenBudget = Budget(datasetId);
            BudgetAdmission.Decide(seenBudget, seen.Select(Event), planned, lifetimeBudget, delta, accountant);
            var reservation = TryReserveLocked(datasetId, runId, planned, lifetimeBudget, delta,
                attempt < OptimisticAttempts ? (seen, seenBudget) : null);
            if (reservation is not null) return reservation;
        }
    }

    /// <summary>The reservation under the budget row's lock; null when <paramref name="expected"/> is given and the history or budget no longer match it.</summary>
    BudgetReservation? TryReserveLocked(string datasetId, string runId, PrivacyEvent planned, double lifetimeBudget, double delta,
        (IReadOnlyList<string> History, DatasetBudget? Budget)? expected) =>
        db.InTransaction((connection, transaction) =>
        {
            // The budget row's lock: made on first sight (a concurrent first insert waits for the other to commit).
            using (var ensure = Command(connection, transaction, "INSERT INTO privacy_budget_locks (dataset_id) VALUES (@dataset) ON CONFLICT DO NOTHING", ("@dataset", datasetId)))
                ensure.ExecuteNonQuery();
            using (var hold = Command(connection, transaction, "SELECT dataset_id FROM privacy_budget_locks WHERE dataset_id = @dataset FOR UPDATE", ("@dataset", datasetId)))
                hold.ExecuteNonQuery();
            var recorded = ReadBudget(connection, transaction, datasetId);
            using var history = Command(connection, transaction, HistorySql,
                ("@dataset", datasetId), ("@released", nameof(LedgerState.Released)));
            var recordedEvents = SqlDatabase.Read(history, r => r.Text("event_json"));
            if (expected is { } e && (recorded != e.Budget || !recordedEvents.SequenceEqual(e.History, StringComparer.Ordinal)))
                return null; // changed since it was composed: compose again outside the lock
            var decision = BudgetAdmission.Decide(recorded, recordedEvents.Select(Event), planned, lifetimeBudget, delta, accountant);
            string now = SqlDatabase.Now();
            if (decision.Tightened)
            {
                // Stored even when this run is denied: a later, looser policy must not widen the budget again.
                using var tighten = Command(connection, transaction, "UPDATE privacy_datasets SET lifetime_budget = LEAST(lifetime_budget, @budget) WHERE dataset_id = @dataset",
                    ("@budget", decision.Budget), ("@dataset", datasetId));
                tighten.ExecuteNonQuery();
            }
            if (decision.Admitted)
            {
                if (recorded is null)
                {
                    using var budget = Command(connection, transaction, "INSERT INTO privacy_datasets (dataset_id, lifetime_budget, delta, created_utc) VALUES (@dataset, @budget, @delta, @now)",
                        ("@dataset", datasetId), ("@budget", lifetimeBudget), ("@delta", delta), ("@now", now));
                    budget.ExecuteNonQuery();
                }
                using var insert = Command(connection, transaction,
                    "INSERT INTO privacy_ledger (run_id, dataset_id, state, event_json, created_utc) VALUES (@run, @dataset, @state, @event, @now)",
                    ("@run", runId), ("@dataset", datasetId), ("@state", nameof(LedgerState.Reserved)), ("@event", Json(planned)), ("@now", now));
                insert.ExecuteNonQuery();
            }
            return decision.Reservation(runId);
        });

    /// <summary>The events a reservation composes (every run not given back), as stored.</summary>
    IReadOnlyList<string> History(string datasetId) =>
        db.Query(HistorySql,
            r => r.Text("event_json"), ("@dataset", datasetId), ("@released", nameof(LedgerState.Released)));

    public void Settle(string runId, PrivacyEvent consumed) => Finish(runId, LedgerState.Charged, Json(consumed));

    public void ReleaseReservation(string runId) => Finish(runId, LedgerState.Released, null);

    void Finish(string runId, LedgerState state, string? eventJson)
    {
        int updated = db.NonQuery("UPDATE privacy_ledger SET state = @state, event_json = COALESCE(@event, event_json), settled_utc = @now WHERE run_id = @run AND state = @reserved",
            ("@state", state.ToString()), ("@event", eventJson), ("@now", SqlDatabase.Now()), ("@run", runId), ("@reserved", nameof(LedgerState.Reserved)));
        if (updated == 1) return;
        string? current = db.Query("SELECT state FROM privacy_ledger WHERE run_id = @run", r => r.Text("state"), ("@run", runId)).SingleOrDefault();
        throw current is not null
            ? new InvalidOperationException($"Ledger entry for run {runId} is already {current}; only a reserved run can be settled or released.")
            : new InvalidOperationException($"No ledger entry for run {runId}.");
    }

    public DatasetBudget? Budget(string datasetId) =>
        db.Query("SELECT dataset_id, lifetime_budget, delta, created_utc FROM privacy_datasets WHERE dataset_id = @dataset", ReadBudget, ("@dataset", datasetId)).SingleOrDefault();

    static DatasetBudget? ReadBudget(NpgsqlConnection connection, NpgsqlTransaction transaction, string datasetId)
    {
        using var query = Command(connection, transaction, "SELECT dataset_id, lifetime_budget, delta, created_utc FROM privacy_datasets WHERE dataset_id = @dataset", ("@dataset", datasetId));
        return SqlDatabase.Read(query, ReadBudget).SingleOrDefault();
    }

    static DatasetBudget ReadBudget(Row r) => new(r.Text("dataset_id"), r.Double("lifetime_budget"), r.Double("delta"), r.Time("created_utc"));

    public double LifetimeEpsilon(string datasetId, double delta)
    {
        var events = Entries(datasetId).Where(e => e.State != LedgerState.Released).Select(e => e.Event).ToArray();
        return events.Length == 0 ? 0 : accountant.GetEpsilon(new ComposedEvent(events), delta).Epsilon;
    }

    public IReadOnlyList<LedgerEntry> Entries(string datasetId) =>
        db.Query("SELECT run_id, state, event_json, created_utc, settled_utc FROM privacy_ledger WHERE dataset_id = @dataset ORDER BY created_utc, run_id",
            r => new LedgerEntry(r.Text("run_id"), datasetId, Enum.Parse<LedgerState>(r.Text("state")), Event(r.Text("event_json")),
                r.Time("created_utc"), r.OptionalTime("settled_utc")), ("@dataset", datasetId));
}
