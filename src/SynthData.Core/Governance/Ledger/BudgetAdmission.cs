using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Core.Governance.Ledger;

/// <summary>
/// The admission rule every ledger applies inside its write lock. The first reservation of a dataset records its
/// budget and delta; later ones are held to the smaller of the recorded and the requested budget, and a smaller one is
/// stored (a later policy may tighten, never loosen, a dataset's lifetime) and composed at the recorded delta, so the
/// lifetime figure always means the same thing.
/// </summary>
/// <param name="Admitted">True when the composition with the run stays within the budget.</param>
/// <param name="Budget">The lifetime budget applied: the smaller of the recorded and the requested.</param>
/// <param name="Delta">The delta the composition is computed at: the recorded one, else the requested.</param>
/// <param name="EpsilonWithRun">The dataset's lifetime epsilon if the run is admitted.</param>
/// <param name="Tightened">The requested budget is below the recorded one: stored even when the run is denied.</param>
public sealed record BudgetAdmission(bool Admitted, double Budget, double Delta, double EpsilonWithRun, bool Tightened)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the budget is positive and delta lies in (0, 1).</summary>
    public static void CheckArguments(double lifetimeBudget, double delta)
    {
        if (!(lifetimeBudget > 0) || !(delta > 0 && delta < 1))
            throw new ArgumentOutOfRangeException(nameof(lifetimeBudget), $"Lifetime budget {lifetimeBudget} and delta {delta} must be positive, delta below 1.");
    }

    /// <summary>Composes the history with the planned run at the tracked delta and admits it iff the result fits the applied budget.</summary>
    /// <param name="recorded">The dataset's recorded budget, or null on its first reservation.</param>
    /// <param name="history">The dataset's reserved and charged runs (released ones cost nothing).</param>
    /// <param name="planned">The run's planned mechanisms.</param>
    /// <param name="lifetimeBudget">The budget the caller's policy asks for.</param>
    /// <param name="delta">The delta asked for; used only on the first reservation.</param>
    /// <param name="accountant">Composes the events into an epsilon.</param>
    public static BudgetAdmission Decide(DatasetBudget? recorded, IEnumerable<PrivacyEvent> history, PrivacyEvent planned,
        double lifetimeBudget, double delta, IPrivacyAccountant accountant)
    {
        double budget = Math.Min(lifetimeBudget, recorded?.LifetimeBudget ?? lifetimeBudget);
        double trackedDelta = recorded?.Delta ?? delta;
        double epsilon = accountant.GetEpsilon(new ComposedEvent(history.Append(planned).ToArray()), trackedDelta).Epsilon;
        return new BudgetAdmission(epsilon <= budget, budget, trackedDelta, epsilon, recorded is not null && budget < recorded.LifetimeBudget);
    }

    /// <summary>The outcome as the ledger reports it for run <paramref name="runId"/>.</summary>
    public BudgetReservation Reservation(string runId) => new(Admitted, runId, EpsilonWithRun, Budget, Delta);
}
