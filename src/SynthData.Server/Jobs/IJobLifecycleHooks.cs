using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>
/// Called for jobs whose work could not settle its own accounts: on startup, jobs the previous
/// process left queued or running are marked failed ("server restarted") and handed here, so the
/// privacy ledger can charge the steps they consumed (job.StepsTaken, as last persisted) and release
/// any reservation. Must be idempotent: a crash during recovery repeats it.
/// </summary>
public interface IJobLifecycleHooks
{
    void OnJobAbandoned(JobRecord job);
}

/// <summary>Default until the ledger is wired: logs the figures (ids and counts only).</summary>
public sealed class LoggingJobLifecycleHooks(ILogger<LoggingJobLifecycleHooks> logger) : IJobLifecycleHooks
{
    public void OnJobAbandoned(JobRecord job) =>
        logger.LogWarning("Job {JobId} on dataset {DatasetId} abandoned after {Steps} steps (epsilon spent so far {Epsilon}); no ledger wired",
            job.Id, job.DatasetId, job.StepsTaken, job.EpsilonSpent);
}
