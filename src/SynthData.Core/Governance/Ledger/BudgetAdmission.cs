using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Core.Governance.Ledger;

/// <summary>
/// The admission rule every ledger applies inside its write lock. The first reservation of a dataset records its
/// budget and delta; later ones are held to the smaller of the recorded and the requested budget, and a smaller one is
/// stored (a later policy may tighten, never loosen, a dataset's lifetime) and composed at the recorded delta, so the
/// lifetime figure always means the same thing.
/// </summary>
/// <param name="Tightened">The requested budget is below the recorded one: stored even when the run is denied.</param>
public sealed record BudgetAdmission(bool Admitted, double Budget, double Delta, double EpsilonWithRun, bool Tightened)
{
    public static void CheckArguments(double lifetimeBudget, double delta)
    {
        if (!(lifetimeBudget > 0) || !(delta > 0 && delta < 1))
            throw new ArgumentOutOfRangeException(nameof(lifetimeBudget), $"Lifetime budget {lifetimeBudget} and delta {delta} must be positive, delta below 1.");
    }

    /// <param name="history">The dataset's reserved and charged runs (released ones cost nothing).</param>
    public static BudgetAdmission Decide(DatasetBudget? recorded, IEnumerable<PrivacyEvent> history, PrivacyEvent planned,
        double lifetimeBudget, double delta, IPrivacyAccountant accountant)
    {
        double budget = Math.Min(lifetimeBudget, recorded?.LifetimeBudget ?? lifetimeBudget);
        double trackedDelta = recorded?.Delta ?? delta;
        double epsilon = accountant.GetEpsilon(new ComposedEvent(history.Append(planned).ToArray()), trackedDelta).Epsilon;
        return new BudgetAdmission(epsilon <= budget, budget, trackedDelta, epsilon, recorded is not null && budget < recorded.LifetimeBudget);
    }

    public BudgetReservation Reservation(string runId) => new(Admitted, runId, EpsilonWithRun, Budget, Delta);
}
