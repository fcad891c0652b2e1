using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>
/// Called for jobs whose work could not settle its own accounts: jobs cancelled or failed before they
/// started, and, on startup, jobs the previous process left queued or running (marked failed, "server
/// restarted"), so the privacy ledger can release their reservation or charge what they may have consumed
/// (job.StepsCharged, the write-ahead bound). Must be idempotent: it may be called twice for one job.
/// </summary>
public interface IJobLifecycleHooks
{
    void OnJobAbandoned(JobRecord job);

    /// <summary>
    /// Called once at startup after every abandoned job was handed over: nothing of the previous process runs any
    /// more, so whatever it still held (e.g. an audit's canary run) can be settled.
    /// </summary>
    void OnRecoveryComplete();

    /// <summary>
    /// Called after a job's reservation was made or settled (queued, finished): the place to compose the dataset's
    /// lifetime figures once, off the read path. Never throws into the queue.
    /// </summary>
    void OnLedgerChanged(JobRecord job) { }
}
