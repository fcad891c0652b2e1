using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>
/// Start-up on the embedded store: jobs the previous process left queued or running have lost their work (it lived in
/// that process's memory), so they are failed and handed to the lifecycle hooks, which charge what they may have consumed.
/// </summary>
static class JobRecovery
{
    public static void FailLeftBehind(ServerStore store, IJobLifecycleHooks hooks, ILogger logger)
    {
        foreach (var state in new[] { JobState.Running, JobState.Queued })
        foreach (var job in store.Jobs.InStateAcrossTenants(state))
        {
            string reason = state == JobState.Running
                ? $"server restarted while the job was running (after {job.StepsTaken} steps)"
                : "server restarted before the job started";
            store.Jobs.Finish(job.Id, JobState.Failed, [reason]);
            store.AuditLog.Record(job.TenantId, "server", "job.abandoned", job.Id, reason);
            logger.LogWarning("Job {JobId} marked failed on startup: {Reason}", job.Id, reason);
            hooks.OnJobAbandoned(store.Jobs.GetAcrossTenants(job.Id)!);
        }
        hooks.OnRecoveryComplete();
    }
}
