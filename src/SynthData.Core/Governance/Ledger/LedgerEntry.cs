using SynthData.Core.Privacy;

namespace SynthData.Core.Governance.Ledger;

public enum LedgerState
{
    /// <summary>Admitted: the planned mechanisms are held against the budget until the run ends.</summary>
    Reserved,
    /// <summary>Settled: what the run actually consumed.</summary>
    Charged,
}

/// <summary>One run's line in a dataset's privacy ledger.</summary>
public sealed record LedgerEntry(string RunId, string DatasetId, LedgerState State, PrivacyEvent Event, DateTimeOffset CreatedUtc, DateTimeOffset? SettledUtc);

/// <summary>The outcome of a reservation attempt: the lifetime epsilon the dataset would have with it.</summary>
public sealed record BudgetReservation(bool Admitted, string RunId, double LifetimeEpsilonWithRun, double LifetimeBudget, double Delta);
