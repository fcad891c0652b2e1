using Grpc.Core;
using Npgsql;
using SynthData.Api.V1;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Synthesis;
using SynthData.Server.Jobs;
using SynthData.Server.Storage.Postgres;
using SynthData.Server.Training;
using Xunit.Abstractions;

namespace SynthData.Server.Tests;

/// <summary>
/// Jobs across replicas on one PostgreSQL database (issue 17, part A): claimed once, cancelled and watched from any
/// replica, and a killed replica's job failed and charged by another. Real training jobs throughout.
/// </summary>
[Collection("postgres")]
[Trait("Store", "postgres")] // runs on PostgreSQL whatever SYNTHDATA_TEST_STORE says: once per CI run is enough
public sealed class ReplicaJobTests(PostgresServer postgres, ITestOutputHelper output)
{
    const int LeaseSeconds = 3;

    /// <summary>One artifact key per test: every replica must read what another wrote (the split key handed over at admission).</summary>
    static string[] Settings(string connectionString) => ChildServer.PostgresReplica(connectionString, LeaseSeconds,
        $"--SynthData:ArtifactKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}");

    static async Task<(CreateApiKeyResponse Key, Dataset Dataset)> OwnerWithDatasetAsync(Func<string, CallInvoker> withKey)
    {
        var key = await RunningServer.CreateKeyAsync(withKey, "acme", Role.Owner);
        return (key, await Uploads.UploadBankAsync(withKey(key.ApiKey), "default"));
    }

    static long Scalar(string connectionString, string sql, string jobId)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", jobId);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    static string Text(string connectionString, string sql, string jobId)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", jobId);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The job's ledger entry as the shared database holds it, with the job's stored parameters.</summary>
    static (LedgerEntry Entry, TrainingJobParameters Parameters) LedgerOf(string connectionString, string jobId)
    {
        var parameters = TrainingJobParameters.FromJson(Text(connectionString, "SELECT parameters_json FROM jobs WHERE id = @id", jobId))!;
        using var database = new PostgresDatabase(connectionString);
        var entry = new PostgresPrivacyLedger(database, new BestOfAccountants()).Entries(parameters.LedgerDatasetId).Single(e => e.RunId == parameters.LedgerRunId);
        return (entry, parameters);
    }

    /// <summary>Which of the replicas runs the job, once one has claimed it.</summary>
    static async Task<int> RunnerOfAsync(IReadOnlyList<RunningServer> replicas, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            for (int i = 0; i < replicas.Count; i++)
                if (replicas[i].Service<JobQueue>().RunsHere(jobId)) return i;
            Assert.True(DateTime.UtcNow < deadline, "no replica claimed the job within 60 s");
            await Task.Delay(20);
        }
    }

    /// <summary>Two in-process replicas on a fresh database, an owner's dataset, and a training job one of them claimed.</summary>
    /// <returns>The replicas (the caller disposes them), the database, and a call invoker on the replica NOT running the job.</returns>
    async Task<(RunningServer[] Replicas, string Database, Dataset Dataset, Job Job, CallInvoker Other)> TwoReplicasWithJobAsync(int epochs)
    {
        string database = postgres.NewDatabase();
        string[] settings = Settings(database);
        var first = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        // The replicas share nothing but the database and the artifact key (from which both derive the fingerprint key).
        RunningServer[] replicas = [first, await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings)];
        var (key, dataset) = await OwnerWithDatasetAsync(replicas[0].As);
        var job = await new TrainingService.TrainingServiceClient(replicas[0].As(key.ApiKey)).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: epochs));
        int runner = await RunnerOfAsync(replicas, job.Id);
        return (replicas, database, dataset, job, replicas[1 - runner].As(key.ApiKey));
    }

    [SkippableFact]
    public async Task Each_training_job_runs_exactly_once_however_many_replicas_poll()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase();
        string[] settings = Settings(database);
        var replicas = new List<RunningServer>();
        try
        {
            for (int i = 0; i < 3; i++) replicas.Add(await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings));
            var (key, dataset) = await OwnerWithDatasetAsync(replicas[0].As);
            // Admitted on every replica, watched from the next one: whoever claims a job, the others follow it through the row.
            var jobs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => new TrainingService.TrainingServiceClient(replicas[i % 3].As(key.ApiKey))
                .StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 0.5, epochs: 1)).ResponseAsync));
            var ends = await Task.WhenAll(jobs.Select((job, i) => ServerFlow.WatchToEndAsync(replicas[(i + 1) % 3].As(key.ApiKey), job.Id, TimeSpan.FromMinutes(5))));

            foreach (var (job, events) in jobs.Zip(ends))
            {
                var end = events[^1].Job;
                Assert.True(end.State == JobState.Succeeded, $"{job.Id}: {end.State} {string.Join("; ", end.Reasons)}");
                Assert.Equal(end.TotalSteps, end.StepsTaken);
                // Run once: one model, one "trained" and one outcome line, one ledger run charged.
                Assert.Equal(1, Scalar(database, "SELECT COUNT(*) FROM models WHERE job_id = @id", job.Id));
                Assert.Equal(1, Scalar(database, "SELECT COUNT(*) FROM audit_log WHERE action = 'model.trained' AND detail LIKE 'job ' || @id || ',%'", job.Id));
                Assert.Equal(1, Scalar(database, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'job.%' AND subject_id = @id", job.Id));
                Assert.Equal(LedgerState.Charged, LedgerOf(database, job.Id).Entry.State);
            }
            long runners = Scalar(database, "SELECT COUNT(DISTINCT lease_owner) FROM jobs WHERE id <> @id", "");
            output.WriteLine($"{jobs.Length} jobs ran on {runners} of 3 replicas");
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_cancel_on_one_replica_stops_the_job_running_on_another_charged_for_the_steps_it_took()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        var (replicas, database, dataset, job, other) = await TwoReplicasWithJobAsync(epochs: 500);
        await using var a = replicas[0];
        await using var b = replicas[1];
        await BudgetAndRestartTests.WaitForStepAsync(other, job.Id, 20);

        await new JobService.JobServiceClient(other).CancelJobAsync(new CancelJobRequest { JobId = job.Id });
        var end = (await ServerFlow.WatchToEndAsync(other, job.Id, TimeSpan.FromMinutes(2)))[^1].Job;
        Assert.Equal(JobState.Cancelled, end.State);
        Assert.Contains("cancelled by request", Assert.Single(end.Reasons));
        Assert.True(end.StepsTaken >= 20 && end.StepsTaken < end.TotalSteps, $"steps {end.StepsTaken} of {end.TotalSteps}");

        // Charged exactly the steps taken (as a cancel on the running replica is), nothing left reserved.
        var (entry, parameters) = LedgerOf(database, job.Id);
        Assert.Equal(LedgerState.Charged, entry.State);
        var accountant = new BestOfAccountants();
        Assert.Equal(accountant.GetEpsilon(RunCharges.UpTo(parameters.Plan, end.StepsTaken), parameters.Plan.Delta).Epsilon,
            accountant.GetEpsilon(entry.Event, parameters.Plan.Delta).Epsilon, 9);
        var budget = await new GovernanceService.GovernanceServiceClient(other).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id });
        Assert.True(budget.SpentEpsilon > 0);
        Assert.Equal(budget.SpentEpsilon, budget.CommittedEpsilon, 9);
    }

    [SkippableFact]
    public async Task A_watch_on_one_replica_follows_a_job_running_on_another_to_its_end_and_the_model_is_audited_through_either()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        var (replicas, _, _, job, other) = await TwoReplicasWithJobAsync(epochs: 4);
        await using var a = replicas[0];
        await using var b = replicas[1];

        var events = await ServerFlow.WatchToEndAsync(other, job.Id, TimeSpan.FromMinutes(3));
        var end = events[^1];
        Assert.Equal(JobState.Succeeded, end.State);
        Assert.NotEmpty(end.Job.ModelId);
        Assert.Equal(end.Job.TotalSteps, end.Step);
        Assert.Contains(events, e => e.State == JobState.Running && e.Step > 0 && e.Step < e.Job.TotalSteps);
        // The row is polled, never stepped back: steps and spend only grow.
        for (int i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Step >= events[i - 1].Step, $"step fell from {events[i - 1].Step} to {events[i].Step}");
            Assert.True(events[i].EpsilonSpent >= events[i - 1].EpsilonSpent, "spend fell");
        }
        output.WriteLine($"{events.Count} events seen from the other replica over {end.Step} steps");

        // Its audit, asked of the replica that did not train it, is a job any replica claims and rebuilds from its row.
        var report = await ServerFlow.AuditAsync(other, new RunAuditRequest { ModelId = end.Job.ModelId, Seed = 1 });
        Assert.Equal(end.Job.ModelId, report.ModelId);
    }

    [SkippableFact]
    public async Task The_queue_capacity_counts_the_jobs_queued_on_every_replica_and_cancels_reach_them_all()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string[] settings = [.. Settings(postgres.NewDatabase()), "--SynthData:MaxConcurrentJobs=1", "--SynthData:QueueCapacity=1"];
        await using var a = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        await using var b = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        var (key, dataset) = await OwnerWithDatasetAsync(a.As);
        // Work that waits until cancelled, rebuilt for the audit kind by whichever replica claims it: no training needed to fill the queue.
        var started = new SemaphoreSlim(0);
        foreach (var replica in new[] { a, b })
            replica.Service<JobWorkBuilders>().Register(Audits.AuditJobParameters.Kind, _ => new DelegateJobWork(async (_, token) =>
            {
                started.Release();
                await Task.Delay(Timeout.Infinite, token);
                return new JobCompletion();
            }));
        Storage.JobRecord Submit(RunningServer replica) => replica.Service<JobQueue>().Submit(
            () => replica.Service<Storage.ServerStore>().Jobs.Insert(key.TenantId, dataset.Id, Audits.AuditJobParameters.Kind, 0, 0, 0, "{}"),
            new DelegateJobWork((_, _) => throw new InvalidOperationException("on a shared store the claiming replica rebuilds the work")));

        // One at a time: with a capacity of 1, a second job submitted before the first is claimed would find the queue full.
        var jobs = new List<Storage.JobRecord>();
        foreach (var replica in new[] { a, b })
        {
            jobs.Add(Submit(replica));
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(60)), "each replica's one worker should be running a job");
        }
        jobs.Add(Submit(a)); // no free worker anywhere: it waits, on the shared queue
        // Replica b queued nothing itself, yet the queue is full: the capacity counts every replica's queued jobs.
        var full = Assert.Throws<Core.ResourceExhaustedException>(() => Submit(b));
        Assert.Equal(JobQueue.RetryWhenFull, full.RetryAfter);

        // Cancelled from one replica: the queued job at once, the running ones on whichever replica holds them.
        foreach (var job in jobs) a.Service<JobQueue>().Cancel(a.Service<Storage.ServerStore>().Jobs.GetAcrossTenants(job.Id)!, "test");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (jobs.Any(j => a.Service<Storage.ServerStore>().Jobs.GetAcrossTenants(j.Id)!.State != Storage.JobState.Cancelled))
        {
            Assert.True(DateTime.UtcNow < deadline, "not every job was cancelled within 30 s");
            await Task.Delay(50);
        }
    }

    [SkippableFact]
    public async Task Killing_the_replica_running_a_training_job_leaves_it_failed_and_charged_by_the_survivor_which_trains_again()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase();
        string[] settings = Settings(database);
        using var first = await ChildServer.StartAsync(TestFiles.NewTempDirectory(), settings);
        var (key, dataset) = await OwnerWithDatasetAsync(first.As);
        var job = await new TrainingService.TrainingServiceClient(first.As(key.ApiKey)).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 500));
        await BudgetAndRestartTests.WaitForStepAsync(first.As(key.ApiKey), job.Id, 1); // the first replica, alone, claimed it
        using var second = await ChildServer.StartAsync(TestFiles.NewTempDirectory(), settings);
        long seen = await BudgetAndRestartTests.WaitForStepAsync(first.As(key.ApiKey), job.Id, 60);
        first.Kill(); // SIGKILL: no settlement, no lease renewal
        var killed = DateTime.UtcNow;

        var jobs = new JobService.JobServiceClient(second.As(key.ApiKey));
        Job after;
        while ((after = await jobs.GetJobAsync(new GetJobRequest { JobId = job.Id })).State == JobState.Running)
        {
            Assert.True(DateTime.UtcNow - killed < TimeSpan.FromSeconds(30), "the killed replica's job was not reaped within 30 s");
            await Task.Delay(100);
        }
        var reaped = DateTime.UtcNow - killed;
        output.WriteLine($"job reaped {reaped.TotalSeconds:0.0} s after the kill (lease {LeaseSeconds} s); {seen} steps seen");
        // The lease ends at most LeaseSeconds after the last renewal before the kill; the survivor reaps every LeaseSeconds/3
        // (checked each 300 ms poll): 3 + 1 + 0.3 s, plus 3.7 s for a machine shared with other work.
        Assert.True(reaped < TimeSpan.FromSeconds(8), $"reaped after {reaped.TotalSeconds:0.0} s");
        Assert.Equal(JobState.Failed, after.State);
        Assert.Contains(after.Reasons, r => r.Contains("stopped renewing its lease", StringComparison.Ordinal));

        // Charged at least every step a watcher saw: preprocessing plus the write-ahead bound.
        long charged = Scalar(database, "SELECT steps_charged FROM jobs WHERE id = @id", job.Id);
        Assert.True(charged >= seen, $"charged {charged} < seen {seen}");
        var (entry, parameters) = LedgerOf(database, job.Id);
        Assert.Equal(LedgerState.Charged, entry.State);
        var accountant = new BestOfAccountants();
        Assert.Equal(accountant.GetEpsilon(RunCharges.UpTo(parameters.Plan, charged), parameters.Plan.Delta).Epsilon,
            accountant.GetEpsilon(entry.Event, parameters.Plan.Delta).Epsilon, 9);

        // The survivor admits, claims and trains the next run.
        var again = await new TrainingService.TrainingServiceClient(second.As(key.ApiKey)).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 1));
        var end = (await ServerFlow.WatchToEndAsync(second.As(key.ApiKey), again.Id, TimeSpan.FromMinutes(3)))[^1].Job;
        Assert.True(end.State == JobState.Succeeded, $"{end.State}: {string.Join("; ", end.Reasons)}");
    }
}
