using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>
/// Jobs across replicas: the replica that holds a job's work leases it and renews the lease; a replica that stops
/// renewing (killed, partitioned) loses it, and any other replica then marks the job failed and hands it to the
/// lifecycle hooks, which charge a started run at least its write-ahead step bound (or give back the reservation of
/// one that never started). Failing is conditional on the lease still being expired, so exactly one replica does it.
/// </summary>
public sealed class JobLeases(ServerStore store, IJobLifecycleHooks hooks, string owner, TimeSpan lease, ILogger logger)
{
    public string Owner => owner;
    public TimeSpan Lease => lease;

    public void Take(string jobId) => store.Jobs.TakeLease(jobId, owner, lease);

    public int Renew() => store.Jobs.RenewLeases(owner, lease);

    /// <summary>
    /// Until shutdown, on its own thread (training occupies pool threads for minutes; a starved pool must not let a
    /// live replica's leases lapse): every <paramref name="poll"/>, while this replica runs jobs, passes on the cancel
    /// requests other replicas recorded for them; a few times per lease period, renews this replica's leases, cancels
    /// the work of jobs it no longer holds (another replica failed them when the lease lapsed: their steps are settled
    /// there) and reaps the expired leases of replicas that stopped. <paramref name="cancel"/> takes a job id and a cause.
    /// </summary>
    public Task KeepAsync(TimeSpan poll, Func<ICollection<string>> runningHere, Action<string, string?> cancel, CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Keep(poll, runningHere, cancel, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    void Keep(TimeSpan poll, Func<ICollection<string>> runningHere, Action<string, string?> cancel, CancellationToken stoppingToken)
    {
        var renewed = DateTime.UtcNow;
        while (!stoppingToken.WaitHandle.WaitOne(poll))
        {
            try
            {
                var running = runningHere();
                if (running.Count > 0)
                    foreach (var (jobId, reason) in store.Jobs.CancelRequestsFor(owner)) cancel(jobId, reason);
                if (DateTime.UtcNow - renewed < lease / 3) continue;
                renewed = DateTime.UtcNow;
                if (Renew() < running.Count)
                    foreach (string jobId in running.Where(id => store.Jobs.GetAcrossTenants(id)?.State.IsTerminal() != false))
                        cancel(jobId, "this replica lost the job's lease");
                ReapExpired();
            }
            catch (Exception e) when (store.Database.IsDatabaseFailure(e))
            {
                logger.LogWarning("Job leases not renewed: {ExceptionType}", e.GetType().Name);
            }
        }
    }

    /// <summary>Fails and settles every job whose lease expired; returns the ids this replica failed.</summary>
    public IReadOnlyList<string> ReapExpired()
    {
        var reaped = new List<string>();
        var now = DateTimeOffset.UtcNow;
        foreach (var job in store.Jobs.WithExpiredLeaseAcrossTenants(now))
        {
            string reason = job.StartedAt is null
                ? "the replica holding the job stopped before it started"
                : $"the replica running the job stopped renewing its lease (after {job.StepsTaken} steps reported, {job.StepsCharged} charged ahead)";
            if (!store.Jobs.FailIfLeaseExpired(job.Id, now, reason)) continue;
            store.AuditLog.Record(job.TenantId, "server", "job.lease_expired", job.Id, reason);
            logger.LogWarning("Job {JobId} failed by replica {Replica}: {Reason}", job.Id, owner, reason);
            hooks.OnJobAbandoned(store.Jobs.GetAcrossTenants(job.Id)!);
            reaped.Add(job.Id);
        }
        return reaped;
    }
}
