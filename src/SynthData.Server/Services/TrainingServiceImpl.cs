using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Server.Jobs;
using SynthData.Server.Security;
using SynthData.Server.Storage;

namespace SynthData.Server.Services;

/// <summary>
/// Jobs: watch, get, list, cancel. StartTraining answers UNIMPLEMENTED until the training pipeline
/// and the ledger are wired (phase B; see the plug-in point in StartTraining).
/// </summary>
public sealed class TrainingServiceImpl(ServerStore store, JobQueue queue, JobBroadcaster broadcaster) : TrainingService.TrainingServiceBase
{
    public override Task<Job> StartTraining(StartTrainingRequest request, ServerCallContext context)
    {
        // Phase B plug-in point, in this order:
        //  1. dataset = store.GetDataset(caller.TenantId, request.DatasetId) ?? NOT_FOUND; erased -> FAILED_PRECONDITION.
        //  2. admission: policy decision + noise calibration (Core Governance) -> FAILED_PRECONDITION with reasons.
        //  3. ledger reserve of the planned run's epsilon (SQLite ledger) -> FAILED_PRECONDITION when over budget.
        //  4. queue.Submit(() => store.InsertJob(..., parametersJson), new DelegateJobWork(run)), releasing the
        //     reservation if Submit throws (queue full -> RESOURCE_EXHAUSTED).
        //  5. run: train from dataset.RawPath, progress.Report(...) each step, honour the token, settle the ledger
        //     in finally with the steps taken, write the artifact under store.ArtifactDirectory(tenant), return the model id.
        throw new RpcException(new Status(StatusCode.Unimplemented, "Training is not wired into the server yet."));
    }

    JobRecord Find(ServerCallContext context, string jobId) =>
        store.GetJob(Caller.Of(context).TenantId, jobId) ?? throw new RpcException(new Status(StatusCode.NotFound, $"No job '{jobId}'."));

    public override Task<Job> GetJob(GetJobRequest request, ServerCallContext context) => Task.FromResult(Find(context, request.JobId).ToProto());

    public override Task<ListJobsResponse> ListJobs(ListJobsRequest request, ServerCallContext context)
    {
        var response = new ListJobsResponse();
        response.Jobs.AddRange(store.ListJobs(Caller.Of(context).TenantId, request.DatasetId).Select(j => j.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<Job> CancelJob(CancelJobRequest request, ServerCallContext context) =>
        Task.FromResult(queue.Cancel(Find(context, request.JobId), Caller.Of(context).Actor).ToProto());

    /// <summary>The persisted state first (a late watcher still learns where the job stands), then live events until a terminal state.</summary>
    public override async Task WatchJob(WatchJobRequest request, IServerStreamWriter<JobEvent> responseStream, ServerCallContext context)
    {
        Find(context, request.JobId); // tenant check before subscribing
        using var subscription = broadcaster.Subscribe(request.JobId);
        var current = store.GetJob(request.JobId)!;
        await responseStream.WriteAsync(current.ToEvent("current state"), context.CancellationToken);
        if (current.State.IsTerminal()) return;
        await foreach (var jobEvent in subscription.Events.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(jobEvent, context.CancellationToken);
            if (jobEvent.Job.State is SynthData.Api.V1.JobState.Succeeded or SynthData.Api.V1.JobState.Failed or SynthData.Api.V1.JobState.Cancelled) return;
        }
    }
}
