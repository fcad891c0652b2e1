using SynthData.Core.Privacy;

namespace SynthData.Core.Governance.Ledger;

/// <summary>
/// Each dataset's privacy ledger, whatever holds it (SQLite for one process, PostgreSQL for several replicas). Every
/// implementation admits a run only inside one transaction that no other writer can interleave with, so concurrent
/// admissions, from any number of processes, never overspend.
/// </summary>
public interface IPrivacyBudgetLedger
{
    /// <summary>The random public id for the table with this keyed content fingerprint, assigned on first sight.</summary>
    string DatasetIdFor(string fingerprint);

    /// <summary>Admits the run iff the composition of every reserved and charged run with this one stays within the budget (<see cref="BudgetAdmission"/>).</summary>
    BudgetReservation TryReserve(string datasetId, string runId, PrivacyEvent planned, double lifetimeBudget, double delta);

    /// <summary>Replaces a run's reservation by what it actually consumed; only a reserved run, once.</summary>
    void Settle(string runId, PrivacyEvent consumed);

    /// <summary>Gives a reservation back: only for a run that ended before reading any private row.</summary>
    void ReleaseReservation(string runId);

    /// <summary>The dataset's recorded lifetime budget and delta, or null before its first reservation.</summary>
    DatasetBudget? Budget(string datasetId);

    /// <summary>The accountant's composition of every reserved and charged run of the dataset.</summary>
    double LifetimeEpsilon(string datasetId, double delta);

    /// <summary>Every run of the dataset, oldest first, released ones included.</summary>
    IReadOnlyList<LedgerEntry> Entries(string datasetId);
}
