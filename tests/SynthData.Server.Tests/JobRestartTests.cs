using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SynthData.Api.V1;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;
using StoredJobState = SynthData.Server.Storage.JobState;

namespace SynthData.Server.Tests;

/// <summary>
/// The job machinery through the real server: a test job (no training yet) that takes steps until
/// cancelled; watching, cancelling, shutdown and restart on the same data directory.
/// </summary>
public sealed class JobRestartTests
{
    sealed class RecordingHooks : IJobLifecycleHooks
    {
        public ConcurrentBag<JobRecord> Abandoned { get; } = [];
        public void OnJobAbandoned(JobRecord job) => Abandoned.Add(job);
        public void OnRecoveryComplete() { }
    }

    /// <summary>Takes a step every 20 ms until cancelled; signals once it has taken three.</summary>
    static IJobWork Stepper(TaskCompletionSource running) => new DelegateJobWork(async (progress, ct) =>
    {
        for (long step = 1; ; step++)
        {
            await Task.Delay(20, ct);
            progress.Report(step, 1000, epsilonSpent: step * 0.001, noiseMultiplier: 1.1, loss: 1.0 / step);
            if (step == 3) running.TrySetResult();
        }
    });

    static async Task<(string TenantId, CallInvoker Owner, string DatasetId)> OwnerWithDatasetAsync(RunningServer server)
    {
        var key = await server.CreateKeyAsync("tenant-a", Role.Owner);
        var owner = server.As(key.ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner);
        return (key.TenantId, owner, dataset.Id);
    }

    static JobRecord SubmitStepper(RunningServer server, string tenantId, string datasetId, TaskCompletionSource running)
    {
        var store = server.Service<ServerStore>();
        // On a store shared by replicas the claiming worker rebuilds the work from the job's kind, not from Submit's argument.
        server.Service<JobWorkBuilders>().Register("train", _ => Stepper(running));
        return server.Service<JobQueue>().Submit(() => store.Jobs.Insert(tenantId, datasetId, "train", 1000, 1.0, 1e-5, "{}"), Stepper(running));
    }

    [Fact]
    public async Task Stopping_the_server_fails_the_running_job_and_a_restarted_server_works()
    {
        string directory = TestFiles.NewTempDirectory();
        var server = await RunningServer.StartAsync(directory);
        var (tenantId, _, datasetId) = await OwnerWithDatasetAsync(server);
        var running = new TaskCompletionSource();
        var job = SubmitStepper(server, tenantId, datasetId, running);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await server.StopAsync();

        await using var restarted = await RunningServer.StartAsync(directory);
        // Keys, datasets and jobs survive; the job did not finish, so it is failed with the steps it took.
        var owner = restarted.As((await restarted.CreateKeyAsync("tenant-a", Role.Owner)).ApiKey);
        var after = await new JobService.JobServiceClient(owner).GetJobAsync(new GetJobRequest { JobId = job.Id });
        Assert.Equal(SynthData.Api.V1.JobState.Failed, after.State);
        Assert.True(after.StepsTaken >= 3, $"the steps taken before shutdown are recorded (got {after.StepsTaken})");
        Assert.Contains(after.Reasons, r => r.Contains("shut down"));
        var datasets = await new DatasetService.DatasetServiceClient(owner).ListDatasetsAsync(new ListDatasetsRequest());
        Assert.Equal(datasetId, Assert.Single(datasets.Datasets).Id);

        // And it still runs jobs.
        var again = new TaskCompletionSource();
        var second = SubmitStepper(restarted, tenantId, datasetId, again);
        await again.Task.WaitAsync(TimeSpan.FromSeconds(30));
        restarted.Service<JobQueue>().Cancel(restarted.Service<ServerStore>().Jobs.GetAcrossTenants(second.Id)!, "test");
        await WaitForAsync(() => restarted.Service<ServerStore>().Jobs.GetAcrossTenants(second.Id)!.State == StoredJobState.Cancelled);
    }

    [SkippableFact]
    public async Task Jobs_left_running_by_a_crash_are_failed_on_startup_and_handed_to_the_ledger_hook()
    {
        TestStore.SkipUnlessSingleProcess();
        string directory = TestFiles.NewTempDirectory();
        string tenantId, datasetId;
        await using (var first = await RunningServer.StartAsync(directory))
            (tenantId, _, datasetId) = await OwnerWithDatasetAsync(first);

        // A crash leaves the row as the last progress write left it: running, 42 steps in.
        var store = new ServerStore(directory);
        var crashed = store.Jobs.Insert(tenantId, datasetId, "train", 1000, 1.0, 1e-5, "{}");
        Assert.True(store.Jobs.MarkRunning(crashed.Id));
        store.Jobs.RecordProgress(crashed.Id, 42, 1000, 0.2, 1.1, 0.5);
        var waiting = store.Jobs.Insert(tenantId, datasetId, "train", 1000, 1.0, 1e-5, "{}");

        var hooks = new RecordingHooks();
        await using var server = await RunningServer.StartAsync(directory, customise: b => b.Services.AddSingleton<IJobLifecycleHooks>(hooks));

        var failed = server.Service<ServerStore>().Jobs.GetAcrossTenants(crashed.Id)!;
        Assert.Equal(StoredJobState.Failed, failed.State);
        Assert.Contains(failed.Reasons, r => r.Contains("server restarted") && r.Contains("42 steps"));
        Assert.Equal(StoredJobState.Failed, server.Service<ServerStore>().Jobs.GetAcrossTenants(waiting.Id)!.State);
        var abandoned = hooks.Abandoned.ToDictionary(j => j.Id);
        Assert.Equal(42, abandoned[crashed.Id].StepsTaken);
        Assert.Equal(0, abandoned[waiting.Id].StepsTaken);
    }

    [Fact]
    public async Task A_late_watcher_gets_the_current_state_then_updates_until_cancelled()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory());
        var (tenantId, owner, datasetId) = await OwnerWithDatasetAsync(server);
        var running = new TaskCompletionSource();
        var job = SubmitStepper(server, tenantId, datasetId, running);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var client = new JobService.JobServiceClient(owner);
        using var watch = client.WatchJob(new WatchJobRequest { JobId = job.Id });
        Assert.True(await watch.ResponseStream.MoveNext());
        var first = watch.ResponseStream.Current;
        Assert.Equal(SynthData.Api.V1.JobState.Running, first.State);

        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.True(watch.ResponseStream.Current.Step >= first.Step);

        var cancelled = await client.CancelJobAsync(new CancelJobRequest { JobId = job.Id });
        var events = new List<JobEvent>();
        while (await watch.ResponseStream.MoveNext()) events.Add(watch.ResponseStream.Current);
        Assert.Equal(SynthData.Api.V1.JobState.Cancelled, events[^1].State);
        Assert.Contains("cancelled by request", events[^1].Job.Reasons.Single());

        // Another tenant cannot watch or cancel it.
        var other = server.As((await server.CreateKeyAsync("tenant-b", Role.Owner)).ApiKey);
        var denied = await Assert.ThrowsAsync<RpcException>(() => new JobService.JobServiceClient(other).CancelJobAsync(new CancelJobRequest { JobId = job.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, denied.StatusCode);
    }

    [Fact]
    public async Task A_full_queue_is_resource_exhausted_and_a_finished_job_is_watched_as_it_ended()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: ["--SynthData:MaxConcurrentJobs=1", "--SynthData:QueueCapacity=1"]);
        var (tenantId, owner, datasetId) = await OwnerWithDatasetAsync(server);
        var running = new TaskCompletionSource();
        var first = SubmitStepper(server, tenantId, datasetId, running);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var waiting = SubmitStepper(server, tenantId, datasetId, new TaskCompletionSource()); // takes the one queue slot

        // RESOURCE_EXHAUSTED with a RetryInfo by the error interceptor (ErrorStatusInterceptorTests).
        var full = Assert.Throws<SynthData.Core.ResourceExhaustedException>(() => SubmitStepper(server, tenantId, datasetId, new TaskCompletionSource()));
        Assert.Equal(JobQueue.RetryWhenFull, full.RetryAfter);
        Assert.Equal(2, server.Service<ServerStore>().Jobs.List(tenantId, datasetId).Count); // the refused job left no row

        var client = new JobService.JobServiceClient(owner);
        var cancelledWhileQueued = await client.CancelJobAsync(new CancelJobRequest { JobId = waiting.Id });
        Assert.Equal(SynthData.Api.V1.JobState.Cancelled, cancelledWhileQueued.State);
        Assert.Equal(0, cancelledWhileQueued.StepsTaken);
        await client.CancelJobAsync(new CancelJobRequest { JobId = first.Id });
        await WaitForAsync(() => server.Service<ServerStore>().Jobs.GetAcrossTenants(first.Id)!.State == StoredJobState.Cancelled);

        // A watcher arriving after the end gets the terminal state once and the stream closes.
        using var watch = client.WatchJob(new WatchJobRequest { JobId = first.Id });
        var events = new List<JobEvent>();
        while (await watch.ResponseStream.MoveNext()) events.Add(watch.ResponseStream.Current);
        Assert.Equal(SynthData.Api.V1.JobState.Cancelled, Assert.Single(events).State);
    }

    static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            await Task.Delay(20);
        }
    }
}
