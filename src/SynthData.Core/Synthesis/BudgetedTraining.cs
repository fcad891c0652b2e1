using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy;
using SynthData.Core.Tabular;

namespace SynthData.Core.Synthesis;

/// <summary>The admission outcome of a private run: the decision and, when allowed, its reservation in the ledger.</summary>
/// <param name="Decision">The policy's admission decision with its reasons.</param>
/// <param name="LedgerDatasetId">The dataset id the budget is kept under.</param>
/// <param name="RunId">The run's id in the ledger.</param>
/// <param name="Planned">The privacy event of the whole planned run (preprocessing plus every step).</param>
/// <param name="Reservation">The ledger's hold on the planned spend; null when the run was refused.</param>
public sealed record TrainingAdmission(PolicyDecision Decision, string LedgerDatasetId, string RunId, PrivacyEvent Planned, BudgetReservation? Reservation)
{
    /// <summary>Whether the policy admitted the run.</summary>
    public bool Allowed => Decision.Allowed;
}

/// <summary>
/// A private training run under a policy and a privacy ledger: the policy's admission checks, then a
/// reservation of the whole planned run (inside the ledger's write lock, so concurrent admissions never
/// overspend), then training, then settlement with what the run actually consumed: the recorded ledger on
/// success, the steps taken on cancellation, and an upper bound (preprocessing plus every step started)
/// on any other failure. Used by the one-command job and by the server alike.
/// </summary>
public static class BudgetedTraining
{
    /// <summary>Checks the policy and, when it admits, reserves the whole planned run in the ledger; only for private plans.</summary>
    public static TrainingAdmission Admit(ReleasePolicy policy, IPrivacyBudgetLedger ledger, string ledgerDatasetId, string runId,
        PrivacyPlan plan, TrainingConfiguration config, long trainingRows, TableSchema schema)
    {
        if (!plan.Private) throw new ArgumentException("Only private runs are admitted against a budget.", nameof(plan));
        var planned = RunCharges.Planned(plan);
        var decision = PolicyEvaluator.Admit(policy, new AdmissionRequest(config.Epsilon ?? double.NaN, plan.Delta, trainingRows, schema));
        if (!decision.Allowed) return new TrainingAdmission(decision, ledgerDatasetId, runId, planned, null);
        var reservation = ledger.TryReserve(ledgerDatasetId, runId, planned, policy.LifetimeEpsilonBudget, plan.Delta);
        if (reservation.Admitted) return new TrainingAdmission(decision, ledgerDatasetId, runId, planned, reservation);
        return new TrainingAdmission(decision with
        {
            Allowed = false,
            Reasons = [FormattableString.Invariant(
                $"the dataset's lifetime epsilon would reach {reservation.LifetimeEpsilonWithRun:0.###} (composition of every run by the accountant), above the budget of {reservation.LifetimeBudget:0.###}")],
        }, ledgerDatasetId, runId, planned, null);
    }

    /// <summary>
    /// Trains an admitted run and settles its reservation whatever happens. <paramref name="beforeStep"/> is called
    /// synchronously with the count of steps started, before each step reads any row (the server persists its
    /// write-ahead charge there), so a failure is charged for every step started, reported or not.
    /// </summary>
    public static TrainedModel Train(TrainingAdmission admission, IPrivacyBudgetLedger ledger, SourceTable source, PrivacyPlan plan,
        TableSchema schema, TrainingConfiguration config, string artifactPath, IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default, Action<long>? beforeStep = null)
    {
        if (admission.Reservation is null) throw new InvalidOperationException("The run was not admitted.");
        long stepsStarted = 0;
        void Started(long steps)
        {
            beforeStep?.Invoke(steps);
            stepsStarted = Math.Max(stepsStarted, steps);
        }
        TrainedModel model;
        try
        {
            model = TrainingPipeline.Run(source, plan, schema, config, artifactPath, progress, cancellationToken, Started);
        }
        catch (TrainingCancelledException cancelled)
        {
            ledger.Settle(admission.RunId, RunCharges.Recorded(cancelled.Consumed));
            throw;
        }
        catch
        {
            // Every step started may have released its noisy gradient: charge them all.
            ledger.Settle(admission.RunId, RunCharges.UpTo(plan, stepsStarted));
            throw;
        }
        ledger.Settle(admission.RunId, RunCharges.Recorded(model.Manifest.Ledger));
        return model;
    }
}
