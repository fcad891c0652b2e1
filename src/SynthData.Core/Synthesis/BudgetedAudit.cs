using SynthData.Core.Audits;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model;

namespace SynthData.Core.Synthesis;

/// <summary>
/// An audit whose canary run is charged to the dataset's ledger. The canary run trains a second model on
/// the training rows (plus canaries) with the model's own privacy plan: a second use of the private rows,
/// so it is reserved before it starts and charged in full (its guesses are post-processing of that run).
/// The membership and distance figures are diagnostics for the data owner and reviewer (see README).
/// </summary>
public static class BudgetedAudit
{
    public static ModelAuditResult Run(TrainedModel model, SourceTable source, ModelAuditOptions options,
        PrivacyBudgetLedger ledger, string ledgerDatasetId, double lifetimeBudget)
    {
        var plan = model.Manifest.Plan;
        if (options.Canaries <= 0 || !plan.Private) return ModelAudit.Run(model, source, options);
        string runId = $"canary-{Guid.NewGuid():N}";
        var planned = RunCharges.Planned(plan);
        var reservation = ledger.TryReserve(ledgerDatasetId, runId, planned, lifetimeBudget, plan.Delta);
        if (!reservation.Admitted)
            throw new BudgetExhaustedException(FormattableString.Invariant(
                $"the canary audit retrains the model on the private rows, which would bring the dataset's lifetime epsilon to {reservation.LifetimeEpsilonWithRun:0.###}, above the budget of {reservation.LifetimeBudget:0.###}; audit with 0 canaries instead"));
        try
        {
            return ModelAudit.Run(model, source, options);
        }
        finally
        {
            // Charged in full whether or not the run finished: never less than it may have consumed.
            ledger.Settle(runId, planned);
        }
    }
}
