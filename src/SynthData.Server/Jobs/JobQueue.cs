using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SynthData.Core;
using SynthData.Server.Hosting;
using SynthData.Server.Services;
using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>
/// The background job queue: at most QueueCapacity jobs waiting (more is RESOURCE_EXHAUSTED, so a burst cannot pile up
/// unbounded work) and MaxConcurrentJobs running here. The state machine lives in the store; this class moves jobs
/// through it. On the embedded store the admitting process holds the work in memory (which a restart loses, so startup
/// fails what was left behind). On a shared store no replica holds queued work: every replica's free workers claim
/// queued rows (FOR UPDATE SKIP LOCKED, so each job runs once), rebuild the work from the row
/// (<see cref="JobWorkBuilders"/>) and hold a lease on it that they renew; cancel requests travel through the row.
/// </summary>
public sealed class JobQueue : BackgroundService
{
    /// <summary>The retry delay a full queue suggests (RetryInfo): jobs take minutes, so sooner is mostly refused again.</summary>
    public static readonly TimeSpan RetryWhenFull = TimeSpan.FromSeconds(30);

    /// <summary>How often idle workers look for queued jobs, and running ones for cancel requests, in a shared store.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    readonly ServerStore _store;
    readonly JobBroadcaster _broadcaster;
    readonly IJobLifecycleHooks _hooks;
    readonly JobWorkBuilders _builders;
    readonly ILogger<JobQueue> _logger;
    readonly SynthDataServerOptions _options;
    // Embedded store: the queued job ids. Shared store: only a nudge that this replica queued something.
    readonly Channel<string> _pending = Channel.CreateUnbounded<string>();
    readonly ConcurrentDictionary<string, IJobWork> _work = new();
    readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    // Why a running job was cancelled, when not by a plain request (e.g. its dataset was erased).
    readonly ConcurrentDictionary<string, string> _cancelReasons = new();
    readonly JobLeases _leases;
    int _waiting;

    public JobQueue(ServerStore store, JobBroadcaster broadcaster, IJobLifecycleHooks hooks, JobWorkBuilders builders,
        IOptions<SynthDataServerOptions> options, ILogger<JobQueue> logger)
    {
        _store = store;
        _broadcaster = broadcaster;
        _hooks = hooks;
        _builders = builders;
        _logger = logger;
        _options = options.Value;
        _leases = new JobLeases(store, hooks, ServerStore.NewId("replica"), TimeSpan.FromSeconds(Math.Max(3, _options.JobLeaseSeconds)), logger);
    }

    bool Shared => _store.Database.SharedByReplicas;

    /// <summary>Whether this replica runs the job now (its events then reach local watchers as they happen).</summary>
    public bool RunsHere(string jobId) => _running.ContainsKey(jobId);

    /// <summary>
    /// Takes a queue slot (RESOURCE_EXHAUSTED when none), then inserts the job with <paramref name="insertJob"/> and
    /// queues it. Admission and ledger reservation belong before this call; release the reservation if this throws.
    /// </summary>
    /// <param name="work">Run by this process on the embedded store; on a shared store the replica that claims the job rebuilds it instead.</param>
    public JobRecord Submit(Func<JobRecord> insertJob, IJobWork work)
    {
        TakeQueueSlot();
        JobRecord job;
        try { job = insertJob(); }
        catch { if (!Shared) Interlocked.Decrement(ref _waiting); throw; }
        if (!Shared) _work[job.Id] = work;
        _pending.Writer.TryWrite(job.Id);
        _logger.LogInformation("Job {JobId} ({Kind}) queued for dataset {DatasetId}", job.Id, job.Kind, job.DatasetId);
        _broadcaster.Publish(job.Id, job.ToEvent("queued"));
        _ = Task.Run(() => _hooks.OnLedgerChanged(job)); // the reservation's figures, composed beside the reply
        return job;
    }

    void TakeQueueSlot()
    {
        ResourceExhaustedException Full() => new($"The job queue is full ({_options.QueueCapacity} waiting); try again later.", RetryWhenFull);
        // Shared: every replica's queued jobs count. A soft bound: replicas admitting at the same instant may each pass it by one.
        if (Shared)
        {
            if (_store.Jobs.CountQueued() >= _options.QueueCapacity) throw Full();
            return;
        }
        if (Interlocked.Increment(ref _waiting) <= _options.QueueCapacity) return;
        Interlocked.Decrement(ref _waiting);
        throw Full();
    }

    /// <summary>
    /// Cancels a queued job at once, a running one between steps (on another replica: through the job's row, which
    /// that replica reads within a poll). Returns the job as it stands.
    /// </summary>
    /// <param name="cause">Why, in the job's reasons and the audit log; null for a plain request.</param>
    public JobRecord Cancel(JobRecord job, string actor, string? cause = null)
    {
        if (job.State == JobState.Queued && _store.Jobs.CancelIfQueued(job.Id, cause ?? "cancelled before it started"))
        {
            _store.AuditLog.Record(job.TenantId, actor, "job.cancelled", job.Id, cause ?? "cancelled while queued");
            _hooks.OnJobAbandoned(_store.Jobs.GetAcrossTenants(job.Id)!); // gives its reservation back now, not when a worker reaches it
            Announce(job.Id, "cancelled");
        }
        else if (_running.TryGetValue(job.Id, out var cancellation))
        {
            if (cause is not null) _cancelReasons[job.Id] = cause;
            _store.AuditLog.Record(job.TenantId, actor, "job.cancel_requested", job.Id, cause ?? "cancellation requested while running");
            cancellation.Cancel();
        }
        else if (Shared && _store.Jobs.RequestCancel(job.Id, cause))
        {
            _store.AuditLog.Record(job.TenantId, actor, "job.cancel_requested", job.Id, (cause ?? "cancellation requested while running") + " (on another replica)");
        }
        return _store.Jobs.GetAcrossTenants(job.Id)!;
    }

    /// <summary>
    /// Cancels every queued or running job of a dataset being erased: a running job holds its rows in memory and
    /// would otherwise finish a model from a table that no longer exists. Charged for the steps taken, as any cancel.
    /// </summary>
    public void CancelForErasure(string tenantId, string datasetId, string actor)
    {
        foreach (var job in _store.Jobs.List(tenantId, datasetId).Where(j => !j.State.IsTerminal()))
            Cancel(job, actor, "the dataset was erased");
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Shared: other replicas' jobs and reservations are alive; only jobs whose lease expired were abandoned.
        if (Shared) _leases.ReapExpired();
        else JobRecovery.FailLeftBehind(_store, _hooks, _logger);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, _options.MaxConcurrentJobs))
            .Select(_ => Task.Run(() => Shared ? ClaimAsync(stoppingToken) : WorkAsync(stoppingToken), CancellationToken.None));
        // Leases matter only where other replicas look at the same jobs; the embedded store does without them.
        if (Shared) workers = workers.Append(Task.Run(() => _leases.KeepAsync(PollInterval, () => _running.Keys, CancelRequested, stoppingToken), CancellationToken.None));
        await Task.WhenAll(workers);
        if (Shared) return; // queued rows stay queued: another replica claims them
        // Whatever is still waiting will not run in this process.
        while (_pending.Reader.TryRead(out string? jobId))
        {
            _work.TryRemove(jobId, out _);
            if (_store.Jobs.Finish(jobId, JobState.Failed, ["server shut down before the job started"])) Announce(jobId, "server shut down");
            if (_store.Jobs.GetAcrossTenants(jobId) is { } job) _hooks.OnJobAbandoned(job);
        }
    }

    /// <summary>A cancel request another replica recorded for a job running here.</summary>
    void CancelRequested(string jobId, string? cause)
    {
        if (!_running.TryGetValue(jobId, out var cancellation) || cancellation.IsCancellationRequested) return;
        if (cause is not null) _cancelReasons[jobId] = cause;
        cancellation.Cancel();
    }

    async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                if (!_pending.Reader.TryRead(out string? jobId)) continue;
                Interlocked.Decrement(ref _waiting);
                if (_work.TryRemove(jobId, out var work)) await RunAsync(jobId, work, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>A shared store's worker: claims the oldest queued job of any replica, or waits a poll (or a local nudge).</summary>
    async Task ClaimAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                JobRecord? claimed = null;
                try { claimed = _store.Jobs.ClaimNextQueued(_leases.Owner, _leases.Lease); }
                catch (Exception e) when (_store.Database.IsDatabaseFailure(e)) { _logger.LogWarning("No job claimed: {ExceptionType}", e.GetType().Name); }
                if (claimed is not null)
                {
                    await RunClaimedAsync(claimed, stoppingToken);
                    continue;
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(PollInterval);
                try { await _pending.Reader.ReadAsync(wait.Token); }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    async Task RunClaimedAsync(JobRecord job, CancellationToken stoppingToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[job.Id] = cancellation;
        IJobWork work;
        try
        {
            work = _builders.WorkFor(job);
        }
        catch (UserFacingException e)
        {
            _running.TryRemove(job.Id, out _);
            _store.Jobs.Finish(job.Id, JobState.Failed, [e.Message]);
            _hooks.OnJobAbandoned(_store.Jobs.GetAcrossTenants(job.Id)!);
            Announce(job.Id, "failed");
            return;
        }
        await RunStartedAsync(job, work, cancellation, stoppingToken);
    }

    async Task RunAsync(string jobId, IJobWork work, CancellationToken stoppingToken)
    {
        // Registered before the job turns Running, so a cancel in between is not lost.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[jobId] = cancellation;
        if (!_store.Jobs.MarkRunning(jobId))
        {
            // Cancelled while queued: its work never ran, so whatever it reserved is given back.
            _running.TryRemove(jobId, out _);
            _hooks.OnJobAbandoned(_store.Jobs.GetAcrossTenants(jobId)!);
            return;
        }
        await RunStartedAsync(_store.Jobs.GetAcrossTenants(jobId)!, work, cancellation, stoppingToken);
    }

    /// <summary>Runs the work of a job now Running (registered in _running with <paramref name="cancellation"/>) and records its outcome.</summary>
    async Task RunStartedAsync(JobRecord job, IJobWork work, CancellationTokenSource cancellation, CancellationToken stoppingToken)
    {
        string jobId = job.Id;
        var progress = new JobProgress(_store, _broadcaster, job);
        _broadcaster.Publish(jobId, job.ToEvent("running"));
        _logger.LogInformation("Job {JobId} running", jobId);
        JobState outcome;
        IReadOnlyList<string> reasons = [];
        string? modelId = null;
        try
        {
            // Its own thread: training computes for minutes, and a pool it starved would delay every request and lease renewal.
            var completion = await Task.Factory.StartNew(() => work.RunAsync(progress, cancellation.Token), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            (outcome, modelId) = (JobState.Succeeded, completion.ModelId);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            long steps = progress.Job.StepsTaken;
            bool shuttingDown = stoppingToken.IsCancellationRequested;
            outcome = shuttingDown ? JobState.Failed : JobState.Cancelled;
            string cause = _cancelReasons.TryGetValue(jobId, out var c) ? c : "cancelled by request";
            reasons = [shuttingDown ? $"server shut down during the run (after {steps} steps)" : $"{cause} (after {steps} steps)"];
        }
        catch (UserFacingException e)
        {
            // User-facing messages are written never to carry data values.
            (outcome, reasons) = (JobState.Failed, [e.Message]);
        }
        catch (Exception e)
        {
            // Other messages may quote anything, so only the type goes to the client and the log.
            _logger.LogError("Job {JobId} failed with {ExceptionType}", jobId, e.GetType().FullName);
            (outcome, reasons) = (JobState.Failed, [$"internal error ({e.GetType().Name})"]);
        }
        finally
        {
            _running.TryRemove(jobId, out _);
            _cancelReasons.TryRemove(jobId, out _);
        }
        progress.Flush();
        _store.Jobs.Finish(jobId, outcome, reasons, modelId);
        _store.AuditLog.Record(job.TenantId, "server", $"job.{outcome.ToString().ToLowerInvariant()}", jobId,
            $"steps {progress.Job.StepsTaken}, epsilon spent {progress.Job.EpsilonSpent:G6}" + (reasons.Count > 0 ? $"; {string.Join("; ", reasons)}" : ""));
        _logger.LogInformation("Job {JobId} {Outcome} after {Steps} steps", jobId, outcome, progress.Job.StepsTaken);
        Announce(jobId, outcome.ToString().ToLowerInvariant());
        _hooks.OnLedgerChanged(job);
    }

    void Announce(string jobId, string message)
    {
        if (_store.Jobs.GetAcrossTenants(jobId) is { } job) _broadcaster.Publish(jobId, job.ToEvent(message));
    }
}
