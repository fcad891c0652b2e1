using SynthData.Core.Privacy;

namespace SynthData.Core.Governance.Ledger;

public enum LedgerState
{
    /// <summary>Admitted: the planned mechanisms are held against the budget until the run ends.</summary>
    Reserved,
    /// <summary>Settled: what the run actually consumed.</summary>
    Charged,
    /// <summary>Given back: the run ended before reading any private row, so it costs nothing.</summary>
    Released,
}

/// <summary>One run's line in a dataset's privacy ledger.</summary>
public sealed record LedgerEntry(string RunId, string DatasetId, LedgerState State, PrivacyEvent Event, DateTimeOffset CreatedUtc, DateTimeOffset? SettledUtc);

/// <summary>
/// The outcome of a reservation attempt: the lifetime epsilon the dataset would have with it, against the
/// budget and delta actually applied (the dataset's recorded ones; see <see cref="PrivacyBudgetLedger.TryReserve"/>).
/// </summary>
public sealed record BudgetReservation(bool Admitted, string RunId, double LifetimeEpsilonWithRun, double LifetimeBudget, double Delta);

/// <summary>A dataset's lifetime budget and the delta its lifetime epsilon is tracked at, fixed by its first reservation.</summary>
public sealed record DatasetBudget(string DatasetId, double LifetimeBudget, double Delta, DateTimeOffset CreatedUtc);
