using System.Runtime.CompilerServices;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Server.Jobs;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Training;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>Jobs of both kinds (training and audit), as the store and the queue hold them: get, list, watch, cancel.</summary>
public sealed class JobServiceImpl(ServerStore store, JobQueue queue, JobBroadcaster broadcaster) : JobService.JobServiceBase
{
    JobRecord Find(ServerCallContext context, string jobId) =>
        store.Jobs.Get(Caller.Of(context).TenantId, RequestIds.Require(jobId, "job_id"))
        ?? throw new RpcException(new Status(StatusCode.NotFound, $"No job '{RequestIds.Quote(jobId)}'."));

    public override Task<Job> GetJob(GetJobRequest request, ServerCallContext context) => Task.FromResult(Find(context, request.JobId).ToProto());

    public override Task<ListJobsResponse> ListJobs(ListJobsRequest request, ServerCallContext context)
    {
        string? datasetId = RequestIds.Optional(request.DatasetId, "dataset_id");
        string tenantId = Caller.Of(context).TenantId;
        var (jobs, next) = Paging.Page((size, after) => store.Jobs.List(tenantId, datasetId, size, after), request.PageSize, request.PageToken,
            scope: "jobs/" + datasetId);
        var response = new ListJobsResponse { NextPageToken = next };
        response.Jobs.AddRange(jobs.Select(j => j.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<Job> CancelJob(CancelJobRequest request, ServerCallContext context) =>
        Task.FromResult(queue.Cancel(Find(context, request.JobId), Caller.Of(context).Actor).ToProto());

    /// <summary>
    /// The persisted state first (a late watcher still learns where the job stands), then events until a terminal state:
    /// live ones from this replica's queue, and on a shared store the job's row, polled, while another replica runs it.
    /// </summary>
    public override async Task WatchJob(WatchJobRequest request, IServerStreamWriter<JobEvent> responseStream, ServerCallContext context)
    {
        string tenantId = Caller.Of(context).TenantId;
        Find(context, request.JobId); // tenant check before subscribing
        using var subscription = broadcaster.Subscribe(request.JobId);
        var current = store.Jobs.Get(tenantId, request.JobId)!;
        await responseStream.WriteAsync(current.ToEvent("current state"), context.CancellationToken);
        if (current.State.IsTerminal()) return;
        var events = store.Database.SharedByReplicas
            ? AcrossReplicasAsync(subscription, current, () => store.Jobs.Get(tenantId, request.JobId)!, context.CancellationToken)
            : subscription.Events.ReadAllAsync(context.CancellationToken);
        await foreach (var jobEvent in events)
        {
            await responseStream.WriteAsync(jobEvent, context.CancellationToken);
            if (jobEvent.Job.State is Api.V1.JobState.Succeeded or Api.V1.JobState.Failed or Api.V1.JobState.Cancelled) return;
        }
    }

    /// <summary>Live events while this replica runs the job; otherwise, every poll, the job's row as an event when it changed.</summary>
    async IAsyncEnumerable<JobEvent> AcrossReplicasAsync(JobBroadcaster.Subscription subscription, JobRecord last, Func<JobRecord> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            JobEvent? local = null;
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                tick.CancelAfter(JobQueue.PollInterval);
                try { local = await subscription.Events.ReadAsync(tick.Token); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            }
            if (local is not null) yield return local;
            // Here the live events are ahead of the row (progress is written at most every 500 ms): never step back to it.
            if (local is not null || queue.RunsHere(last.Id)) continue;
            var now = read();
            if (now.State == last.State && now.StepsTaken == last.StepsTaken && now.EpsilonSpent == last.EpsilonSpent && now.LastLoss == last.LastLoss) continue;
            string message = now.State != last.State ? now.State.ToString().ToLowerInvariant() : now.Kind == TrainingJobWork.Kind ? "train" : "progress";
            last = now;
            yield return now.ToEvent(message);
        }
    }
}
