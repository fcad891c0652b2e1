using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SynthData.Core;
using SynthData.Server.Hosting;
using SynthData.Server.Services;
using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>
/// The background job queue: at most QueueCapacity jobs waiting (more is RESOURCE_EXHAUSTED, so a
/// burst cannot pile up unbounded work) and MaxConcurrentJobs running. The state machine lives in
/// the store; this class only moves jobs through it and keeps the in-memory parts (work delegates,
/// cancellation sources) that a restart loses, which is why startup fails what was left behind.
/// </summary>
public sealed class JobQueue : BackgroundService
{
    readonly ServerStore _store;
    readonly JobBroadcaster _broadcaster;
    readonly IJobLifecycleHooks _hooks;
    readonly ILogger<JobQueue> _logger;
    readonly SynthDataServerOptions _options;
    readonly Channel<string> _pending = Channel.CreateUnbounded<string>();
    readonly ConcurrentDictionary<string, IJobWork> _work = new();
    readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    // Why a running job was cancelled, when not by a plain request (e.g. its dataset was erased).
    readonly ConcurrentDictionary<string, string> _cancelReasons = new();
    int _waiting;

    public JobQueue(ServerStore store, JobBroadcaster broadcaster, IJobLifecycleHooks hooks, IOptions<SynthDataServerOptions> options, ILogger<JobQueue> logger)
    {
        _store = store;
        _broadcaster = broadcaster;
        _hooks = hooks;
        _logger = logger;
        _options = options.Value;
    }

    /// <summary>
    /// Takes a queue slot (RESOURCE_EXHAUSTED when none), then inserts the job with
    /// <paramref name="insertJob"/> and queues its work. Admission and ledger reservation belong
    /// before this call; release the reservation if this throws.
    /// </summary>
    /// <summary>The retry delay a full queue suggests (RetryInfo): jobs take minutes, so sooner is mostly refused again.</summary>
    public static readonly TimeSpan RetryWhenFull = TimeSpan.FromSeconds(30);

    public JobRecord Submit(Func<JobRecord> insertJob, IJobWork work)
    {
        if (Interlocked.Increment(ref _waiting) > _options.QueueCapacity)
        {
            Interlocked.Decrement(ref _waiting);
            throw new ResourceExhaustedException($"The job queue is full ({_options.QueueCapacity} waiting); try again later.", RetryWhenFull);
        }
        JobRecord job;
        try { job = insertJob(); }
        catch { Interlocked.Decrement(ref _waiting); throw; }
        _work[job.Id] = work;
        _pending.Writer.TryWrite(job.Id);
        _logger.LogInformation("Job {JobId} ({Kind}) queued for dataset {DatasetId}", job.Id, job.Kind, job.DatasetId);
        _broadcaster.Publish(job.Id, job.ToEvent("queued"));
        return job;
    }

    /// <summary>Cancels a queued job at once, a running one between steps. Returns the job as it stands.</summary>
    /// <param name="cause">Why, in the job's reasons and the audit log; null for a plain request.</param>
    public JobRecord Cancel(JobRecord job, string actor, string? cause = null)
    {
        if (job.State == JobState.Queued && _store.FinishJob(job.Id, JobState.Cancelled, [cause ?? "cancelled before it started"]))
        {
            _store.Log(job.TenantId, actor, "job.cancelled", job.Id, cause ?? "cancelled while queued");
            _hooks.OnJobAbandoned(_store.GetJob(job.Id)!); // gives its reservation back now, not when a worker reaches it
            Announce(job.Id, "cancelled");
        }
        else if (_running.TryGetValue(job.Id, out var cancellation))
        {
            if (cause is not null) _cancelReasons[job.Id] = cause;
            _store.Log(job.TenantId, actor, "job.cancel_requested", job.Id, cause ?? "cancellation requested while running");
            cancellation.Cancel();
        }
        return _store.GetJob(job.Id)!;
    }

    /// <summary>
    /// Cancels every queued or running job of a dataset being erased: a running job holds its rows in memory and
    /// would otherwise finish a model from a table that no longer exists. Charged for the steps taken, as any cancel.
    /// </summary>
    public void CancelForErasure(string tenantId, string datasetId, string actor)
    {
        foreach (var job in _store.ListJobs(tenantId, datasetId).Where(j => !j.State.IsTerminal()))
            Cancel(job, actor, "the dataset was erased");
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        RecoverAbandonedJobs();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Jobs a previous process left queued or running have lost their work: fail them and let the ledger charge them.</summary>
    void RecoverAbandonedJobs()
    {
        foreach (var state in new[] { JobState.Running, JobState.Queued })
        foreach (var job in _store.JobsInState(state))
        {
            string reason = state == JobState.Running
                ? $"server restarted while the job was running (after {job.StepsTaken} steps)"
                : "server restarted before the job started";
            _store.FinishJob(job.Id, JobState.Failed, [reason]);
            _store.Log(job.TenantId, "server", "job.abandoned", job.Id, reason);
            _logger.LogWarning("Job {JobId} marked failed on startup: {Reason}", job.Id, reason);
            _hooks.OnJobAbandoned(_store.GetJob(job.Id)!);
        }
        _hooks.OnRecoveryComplete();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, _options.MaxConcurrentJobs)).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None));
        await Task.WhenAll(workers);
        // Whatever is still waiting will not run in this process.
        while (_pending.Reader.TryRead(out string? jobId))
        {
            _work.TryRemove(jobId, out _);
            if (_store.FinishJob(jobId, JobState.Failed, ["server shut down before the job started"])) Announce(jobId, "server shut down");
            if (_store.GetJob(jobId) is { } job) _hooks.OnJobAbandoned(job);
        }
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

    async Task RunAsync(string jobId, IJobWork work, CancellationToken stoppingToken)
    {
        // Registered before the job turns Running, so a cancel in between is not lost.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[jobId] = cancellation;
        if (!_store.MarkJobRunning(jobId))
        {
            // Cancelled while queued: its work never ran, so whatever it reserved is given back.
            _running.TryRemove(jobId, out _);
            _hooks.OnJobAbandoned(_store.GetJob(jobId)!);
            return;
        }
        var job = _store.GetJob(jobId)!;
        var progress = new JobProgress(_store, _broadcaster, job);
        _broadcaster.Publish(jobId, job.ToEvent("running"));
        _logger.LogInformation("Job {JobId} running", jobId);
        JobState outcome;
        IReadOnlyList<string> reasons = [];
        string? modelId = null;
        try
        {
            var completion = await Task.Run(() => work.RunAsync(progress, cancellation.Token), CancellationToken.None);
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
        _store.FinishJob(jobId, outcome, reasons, modelId);
        _store.Log(job.TenantId, "server", $"job.{outcome.ToString().ToLowerInvariant()}", jobId,
            $"steps {progress.Job.StepsTaken}, epsilon spent {progress.Job.EpsilonSpent:G6}" + (reasons.Count > 0 ? $"; {string.Join("; ", reasons)}" : ""));
        _logger.LogInformation("Job {JobId} {Outcome} after {Steps} steps", jobId, outcome, progress.Job.StepsTaken);
        Announce(jobId, outcome.ToString().ToLowerInvariant());
    }

    void Announce(string jobId, string message)
    {
        if (_store.GetJob(jobId) is { } job) _broadcaster.Publish(jobId, job.ToEvent(message));
    }
}
