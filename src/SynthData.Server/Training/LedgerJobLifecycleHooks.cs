using SynthData.Core.Governance.Ledger;
using SynthData.Core.Synthesis;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;

namespace SynthData.Server.Training;

/// <summary>
/// Settles the ledger for training jobs whose work never settled it: jobs cancelled or failed before they started
/// (their reservation is given back: no private row was read) and jobs a crash or restart abandoned while running
/// (charged preprocessing plus the write-ahead step bound). Idempotent: a run already settled is left alone.
/// </summary>
public sealed class LedgerJobLifecycleHooks(DatasetLedger ledger, ILogger<LedgerJobLifecycleHooks> logger) : IJobLifecycleHooks
{
    public void OnJobAbandoned(JobRecord job)
    {
        if (job.Kind != "train" || TrainingJobParameters.FromJson(job.ParametersJson) is not { } parameters) return;
        var entry = ledger.Ledger.Entries(parameters.LedgerDatasetId).FirstOrDefault(e => e.RunId == parameters.LedgerRunId);
        if (entry is null || entry.State != LedgerState.Reserved) return;
        if (job.StartedAt is null)
        {
            ledger.Ledger.ReleaseReservation(parameters.LedgerRunId);
            logger.LogInformation("Job {JobId} never started: its budget reservation was released", job.Id);
            return;
        }
        ledger.Ledger.Settle(parameters.LedgerRunId, RunCharges.UpTo(parameters.Plan, job.StepsCharged));
        logger.LogWarning("Job {JobId} abandoned: charged preprocessing and {Steps} steps (write-ahead bound; {Taken} reported)",
            job.Id, job.StepsCharged, job.StepsTaken);
    }
}
