using SynthData.Core.Governance.Ledger;
using SynthData.Core.Synthesis;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;

namespace SynthData.Server.Training;

/// <summary>
/// Settles the ledger for training and drift jobs whose work never settled it: jobs cancelled or failed before they started
/// (their reservation is given back: no private row was read) and jobs a crash or restart abandoned while running
/// (charged preprocessing plus the write-ahead step bound). Idempotent: a run already settled is left alone. A training
/// job's split key, if still waiting for a replica to claim the job, is deleted with it.
/// </summary>
public sealed class LedgerJobLifecycleHooks(ServerStore store, DatasetLedger ledger, ILogger<LedgerJobLifecycleHooks> logger, SplitKeyHandoff? splitKeys = null)
    : IJobLifecycleHooks
{
    /// <summary>
    /// Reservations still open after job recovery belong to work the previous process was doing outside the queue
    /// (an audit's canary run). Nobody will settle them, and how far they got is unknown: they are charged in full.
    /// </summary>
    public void OnRecoveryComplete()
    {
        foreach (var key in store.Datasets.ListAcrossTenants().Select(DatasetLedger.KeyOf).Distinct())
        foreach (var entry in ledger.Ledger.Entries(key).Where(e => e.State == LedgerState.Reserved))
        {
            ledger.Ledger.Settle(entry.RunId, entry.Event);
            logger.LogWarning("Ledger run {RunId} was still reserved at startup: charged in full", entry.RunId);
        }
    }

    public void OnJobAbandoned(JobRecord job)
    {
        if (Lifecycle.DriftJobParameters.FromJob(job) is { } drift)
        {
            // A drift check reads the rows once, in one step: one that started may have read them.
            if (Lifecycle.DriftCheckRunner.SettleUnsettled(ledger.Ledger, drift, mayHaveRead: job.StartedAt is not null))
                logger.LogInformation("Drift job {JobId} abandoned: its reservation was {Outcome}", job.Id, job.StartedAt is null ? "released" : "charged in full");
            OnLedgerChanged(job);
            return;
        }
        if (job.Kind != TrainingJobWork.Kind || TrainingJobParameters.FromJson(job.ParametersJson) is not { } parameters) return;
        splitKeys?.Delete(parameters.LedgerRunId); // nobody will train this run: the secret must not linger
        var entry = ledger.Ledger.Entries(parameters.LedgerDatasetId).FirstOrDefault(e => e.RunId == parameters.LedgerRunId);
        if (entry is null || entry.State != LedgerState.Reserved) return;
        if (job.StartedAt is null)
        {
            ledger.Ledger.ReleaseReservation(parameters.LedgerRunId);
            logger.LogInformation("Job {JobId} never started: its budget reservation was released", job.Id);
        }
        else
        {
            ledger.Ledger.Settle(parameters.LedgerRunId, RunCharges.UpTo(parameters.Plan, job.StepsCharged));
            logger.LogWarning("Job {JobId} abandoned: charged preprocessing and {Steps} steps (write-ahead bound; {Taken} reported)",
                job.Id, job.StepsCharged, job.StepsTaken);
        }
        OnLedgerChanged(job);
    }

    public void OnLedgerChanged(JobRecord job)
    {
        string? key = Lifecycle.DriftJobParameters.FromJob(job)?.LineageKey
                      ?? (job.Kind == TrainingJobWork.Kind ? TrainingJobParameters.FromJson(job.ParametersJson)?.LedgerDatasetId : null);
        if (key is null) return;
        try
        {
            ledger.Refresh(key);
        }
        catch (Exception e)
        {
            // Reads compose it instead; only the type is logged (messages may quote anything).
            logger.LogWarning("Lifetime figures of job {JobId} not refreshed: {ExceptionType}", job.Id, e.GetType().Name);
        }
    }
}
