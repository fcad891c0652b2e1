using System.Text.Json;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Synthesis;
using SynthData.Server.Governance;
using SynthData.Server.Storage;
using JobState = SynthData.Api.V1.JobState;
using SynthData.Server.Training;

namespace SynthData.Server.Tests;

/// <summary>
/// The privacy ledger under concurrency, cancellation, shutdown and a crash: the dataset's lifetime epsilon,
/// composed by the accountant, never passes its budget, and every run is charged at least what it consumed.
/// </summary>
public sealed class BudgetAndRestartTests
{
    static async Task<(RunningServer Server, CallInvoker Owner, Dataset Dataset)> StartWithDatasetAsync(string policy, string? directory = null)
    {
        var server = await RunningServer.StartAsync(directory ?? TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        return (server, owner, await Uploads.UploadBankAsync(owner, policy));
    }

    static IReadOnlyList<LedgerEntry> Ledger(RunningServer server, Dataset dataset)
    {
        var record = server.Service<ServerStore>().Datasets.Get(TenantIdOf(server, dataset.Id), dataset.Id)!;
        return server.Service<DatasetLedger>().Ledger.Entries(DatasetLedger.KeyOf(record));
    }

    static string TenantIdOf(RunningServer server, string datasetId) =>
        // Test-side lookup across tenants (RPCs never do this), on whichever backend the server runs.
        server.Service<ServerStore>().Datasets.ListAcrossTenants().Single(d => d.Id == datasetId).TenantId;

    [Fact]
    public async Task Concurrent_trainings_against_a_small_budget_never_overspend()
    {
        var (server, owner, dataset) = await StartWithDatasetAsync(TestPolicies.TinyBudget);
        await using var _ = server;
        var training = new TrainingService.TrainingServiceClient(owner);
        var jobs = new JobService.JobServiceClient(owner);
        // Six runs of epsilon 0.5 against a lifetime budget of 1.2, all at once: admission reserves inside the
        // ledger's write lock, so however the requests interleave, the composition of the admitted runs fits.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try { return (Job: await training.StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 0.5, epochs: 50)), Status: StatusCode.OK); }
            catch (RpcException e) { return (Job: (Job?)null, Status: e.StatusCode); }
        }));
        var admitted = attempts.Where(a => a.Status == StatusCode.OK).Select(a => a.Job!).ToList();
        Assert.NotEmpty(admitted);
        Assert.Contains(attempts, a => a.Status == StatusCode.FailedPrecondition);
        Assert.All(attempts, a => Assert.True(a.Status is StatusCode.OK or StatusCode.FailedPrecondition, a.Status.ToString()));

        var budget = await new GovernanceService.GovernanceServiceClient(owner).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id });
        Assert.True(budget.CommittedEpsilon <= 1.2, $"committed {budget.CommittedEpsilon}");

        // Cancel everything: queued runs give their reservation back, the running one is charged what it took.
        foreach (var job in admitted) await jobs.CancelJobAsync(new CancelJobRequest { JobId = job.Id });
        foreach (var job in admitted) await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(2));
        var after = await new GovernanceService.GovernanceServiceClient(owner).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id });
        Assert.Equal(after.SpentEpsilon, after.CommittedEpsilon, 12); // nothing left reserved
        Assert.True(after.CommittedEpsilon <= budget.CommittedEpsilon + 1e-12);
        var entries = Ledger(server, dataset);
        Assert.Equal(admitted.Count, entries.Count);
        Assert.DoesNotContain(entries, e => e.State == LedgerState.Reserved);
    }

    [Fact]
    public async Task A_cancelled_run_is_charged_exactly_the_steps_it_took()
    {
        var (server, owner, dataset) = await StartWithDatasetAsync("default");
        await using var _ = server;
        var training = new TrainingService.TrainingServiceClient(owner);
        var jobs = new JobService.JobServiceClient(owner);
        var job = await training.StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 500));
        await WaitForStepAsync(owner, job.Id, 40);
        await jobs.CancelJobAsync(new CancelJobRequest { JobId = job.Id });
        var end = (await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(2)))[^1].Job;
        Assert.Equal(JobState.Cancelled, end.State);

        var entry = Ledger(server, dataset).Single();
        Assert.Equal(LedgerState.Charged, entry.State);
        var plan = TrainingJobParameters.FromJson(server.Service<ServerStore>().Jobs.GetAcrossTenants(job.Id)!.ParametersJson)!.Plan;
        // The charge is the plan's preprocessing plus exactly the steps the job reports having taken.
        AssertSameEpsilon(RunCharges.UpTo(plan, end.StepsTaken), entry, plan.Delta);
        Assert.True(end.StepsTaken >= 40 && end.StepsTaken < plan.Steps);
    }

    [Fact]
    public async Task A_graceful_restart_mid_training_fails_the_job_charges_its_steps_and_the_server_works()
    {
        string directory = TestFiles.NewTempDirectory();
        var (server, owner, dataset) = await StartWithDatasetAsync("default", directory);
        var job = await new TrainingService.TrainingServiceClient(owner).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 500));
        await WaitForStepAsync(owner, job.Id, 40);
        await server.StopAsync();

        await using var restarted = await RunningServer.StartAsync(directory, settings: TestPolicies.WriteFolder());
        var stored = restarted.Service<ServerStore>().Jobs.GetAcrossTenants(job.Id)!;
        Assert.Equal(Storage.JobState.Failed, stored.State);
        Assert.Contains(stored.Reasons, r => r.Contains("shut down", StringComparison.Ordinal));
        var entry = Ledger(restarted, dataset).Single();
        Assert.Equal(LedgerState.Charged, entry.State);
        var plan = TrainingJobParameters.FromJson(stored.ParametersJson)!.Plan;
        AssertSameEpsilon(RunCharges.UpTo(plan, stored.StepsTaken), entry, plan.Delta);
        await AssertServerTrainsAgainAsync(restarted, dataset);
    }

    [SkippableFact]
    public async Task A_crash_mid_training_leaves_a_failed_job_a_ledger_charged_at_least_what_ran_and_a_working_server()
    {
        TestStore.SkipUnlessSingleProcess();
        string directory = TestFiles.NewTempDirectory();
        string policies = TestPolicies.WriteFolder();
        long seenStep;
        string jobId;
        Dataset dataset;
        using (var child = await ChildServer.StartAsync(directory, policies))
        {
            var key = await RunningServer.CreateKeyAsync(child.As, "acme", Role.Owner);
            var owner = child.As(key.ApiKey);
            dataset = await Uploads.UploadBankAsync(owner, "default");
            var job = await new TrainingService.TrainingServiceClient(owner).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 500));
            jobId = job.Id;
            seenStep = await WaitForStepAsync(owner, job.Id, 60);
            child.Kill(); // SIGKILL: no settlement code runs
        }

        await using var restarted = await RunningServer.StartAsync(directory, settings: policies);
        var stored = restarted.Service<ServerStore>().Jobs.GetAcrossTenants(jobId)!;
        Assert.Equal(Storage.JobState.Failed, stored.State);
        Assert.Contains(stored.Reasons, r => r.Contains("server restarted", StringComparison.Ordinal));
        var entry = Ledger(restarted, dataset).Single();
        Assert.Equal(LedgerState.Charged, entry.State);
        var plan = TrainingJobParameters.FromJson(stored.ParametersJson)!.Plan;
        // The write-ahead bound covers every step a watcher saw (and the ones it did not), within one block of 1%.
        Assert.True(stored.StepsCharged >= seenStep, $"charged {stored.StepsCharged} < seen {seenStep}");
        Assert.True(stored.StepsCharged >= stored.StepsTaken);
        Assert.True(stored.StepsCharged < plan.Steps);
        AssertSameEpsilon(RunCharges.UpTo(plan, stored.StepsCharged), entry, plan.Delta);
        await AssertServerTrainsAgainAsync(restarted, dataset);
    }

    [SkippableFact]
    public async Task A_reservation_left_by_a_crashed_audit_is_charged_in_full_at_startup()
    {
        TestStore.SkipUnlessSingleProcess();
        string directory = TestFiles.NewTempDirectory();
        var (server, _, dataset) = await StartWithDatasetAsync("default", directory);
        var record = server.Service<ServerStore>().Datasets.Get(TenantIdOf(server, dataset.Id), dataset.Id)!;
        var planned = new Core.Privacy.ComposedEvent([NoiseCalibrator.TrainingEvent(0.03, 1.2, 300)]);
        // What BudgetedAudit holds while a canary run trains; the process then dies before settling it.
        var reservation = server.Service<DatasetLedger>().Ledger.TryReserve(DatasetLedger.KeyOf(record), "canary-test", planned, 10, 1e-5);
        Assert.True(reservation.Admitted);
        await server.StopAsync();

        await using var restarted = await RunningServer.StartAsync(directory, settings: TestPolicies.WriteFolder());
        var entry = Ledger(restarted, dataset).Single();
        Assert.Equal(LedgerState.Charged, entry.State);
        Assert.Equal(JsonSerializer.Serialize<Core.Privacy.PrivacyEvent>(planned, SynthDataJson.Compact), JsonSerializer.Serialize(entry.Event, SynthDataJson.Compact));
    }

    static void AssertSameEpsilon(Core.Privacy.PrivacyEvent expected, LedgerEntry entry, double delta)
    {
        var accountant = new BestOfAccountants();
        Assert.Equal(accountant.GetEpsilon(expected, delta).Epsilon, accountant.GetEpsilon(entry.Event, delta).Epsilon, 9);
        Assert.Equal(JsonSerializer.Serialize(expected, SynthDataJson.Compact), JsonSerializer.Serialize(entry.Event, SynthDataJson.Compact));
    }

    /// <summary>Follows the job until it reports at least <paramref name="step"/> steps; returns the step seen.</summary>
    internal static async Task<long> WaitForStepAsync(CallInvoker owner, string jobId, long step)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var call = new JobService.JobServiceClient(owner).WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: cancel.Token);
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancel.Token))
        {
            Assert.True(e.State is JobState.Queued or JobState.Running, $"job ended early: {e.State} {string.Join("; ", e.Job.Reasons)}");
            if (e.Step >= step) return e.Step;
        }
        throw new InvalidOperationException("The watch ended before the job reached the step.");
    }

    static async Task AssertServerTrainsAgainAsync(RunningServer server, Dataset dataset)
    {
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var job = await new TrainingService.TrainingServiceClient(owner).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 1));
        var end = (await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(3)))[^1].Job;
        Assert.Equal(JobState.Succeeded, end.State);
    }
}
