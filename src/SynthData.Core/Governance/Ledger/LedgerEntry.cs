using SynthData.Core.Privacy;

namespace SynthData.Core.Governance.Ledger;

/// <summary>Where a run's charge stands in the ledger.</summary>
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
/// <param name="RunId">The run.</param>
/// <param name="DatasetId">The dataset charged.</param>
/// <param name="State">Reserved, charged or released.</param>
/// <param name="Event">The mechanisms held (reserved) or consumed (charged).</param>
/// <param name="CreatedUtc">When the run was reserved.</param>
/// <param name="SettledUtc">When it was charged or released; null while reserved.</param>
public sealed record LedgerEntry(string RunId, string DatasetId, LedgerState State, PrivacyEvent Event, DateTimeOffset CreatedUtc, DateTimeOffset? SettledUtc);

/// <summary>
/// The outcome of a reservation attempt: the lifetime epsilon the dataset would have with it, against the
/// budget and delta actually applied (the dataset's recorded ones; see <see cref="PrivacyBudgetLedger.TryReserve"/>).
/// </summary>
/// <param name="Admitted">True when the run may start.</param>
/// <param name="RunId">The run reserved (or refused).</param>
/// <param name="LifetimeEpsilonWithRun">The dataset's lifetime epsilon with the run.</param>
/// <param name="LifetimeBudget">The budget applied.</param>
/// <param name="Delta">The delta the lifetime epsilon is tracked at.</param>
public sealed record BudgetReservation(bool Admitted, string RunId, double LifetimeEpsilonWithRun, double LifetimeBudget, double Delta);

/// <summary>A dataset's lifetime budget and the delta its lifetime epsilon is tracked at, fixed by its first reservation.</summary>
/// <param name="DatasetId">The dataset.</param>
/// <param name="LifetimeBudget">Its lifetime epsilon budget (only ever lowered).</param>
/// <param name="Delta">The delta its lifetime epsilon is tracked at.</param>
/// <param name="CreatedUtc">When its first reservation was made.</param>
public sealed record DatasetBudget(string DatasetId, double LifetimeBudget, double Delta, DateTimeOffset CreatedUtc);
