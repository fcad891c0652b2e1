using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// Drift checks as jobs (issue 18): their own kind, watched and cancelled through JobService, charged to the lineage's
/// shared budget when they read the new rows and not charged when they were stopped before.
/// </summary>
public sealed class DriftJobTests
{
    /// <summary>A second version of the bank sample (its first half), uploaded with version_of the first.</summary>
    internal static Task<Dataset> SecondVersionAsync(CallInvoker owner, string firstId)
    {
        var lines = File.ReadAllLines(TestFiles.BankCsv);
        return DatasetVersionTests.UploadVersionAsync(owner, string.Join('\n', lines.Take(lines.Length / 2)) + "\n", firstId, policyId: "");
    }

    static Task<BudgetStatus> BudgetAsync(CallInvoker owner, string datasetId) =>
        new GovernanceService.GovernanceServiceClient(owner).GetBudgetAsync(new GetBudgetRequest { DatasetId = datasetId }).ResponseAsync;

    [Fact]
    public async Task A_drift_check_is_a_drift_job_watched_to_its_result_and_charged_to_the_shared_budget()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var first = await Uploads.UploadBankAsync(owner);
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, first.Id);
        var second = await SecondVersionAsync(owner, first.Id);
        double before = (await BudgetAsync(owner, first.Id)).SpentEpsilon;

        var lifecycle = new ModelLifecycleService.ModelLifecycleServiceClient(owner);
        var job = await lifecycle.StartDriftCheckAsync(new StartDriftCheckRequest { ModelId = modelId, DatasetId = second.Id, Epsilon = 0.5 });
        Assert.Equal(JobKind.DriftCheck, job.Kind);
        Assert.Equal(second.Id, job.DatasetId);
        Assert.Equal(modelId, job.ModelId);
        Assert.InRange(job.TargetEpsilon, 0.499, 0.5);
        var pending = await lifecycle.GetDriftCheckAsync(new GetDriftCheckRequest { DriftCheckId = job.Id });
        Assert.True(pending.LifetimeEpsilonAfter > before && pending.LifetimeEpsilonAfter < before + pending.Epsilon, "composed, not summed");

        var events = await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(3));
        Assert.Equal(JobState.Succeeded, events[^1].Job.State);
        Assert.Equal(JobKind.DriftCheck, events[^1].Job.Kind);
        // The one DP read is the job's one step: its epsilon is spent once it is done (the stages may precede the watch).
        Assert.Equal((1L, 1L), (events[^1].Job.StepsTaken, events[^1].Job.TotalSteps));
        Assert.Equal(job.TargetEpsilon, events[^1].Job.EpsilonSpent, 9);
        Assert.All(events, e => Assert.Contains(e.Message, new[] { "queued", "running", "current state", "measure", "compare", "succeeded" }));
        var check = await lifecycle.GetDriftCheckAsync(new GetDriftCheckRequest { DriftCheckId = job.Id });
        Assert.Equal(DriftCheckState.Succeeded, check.State);
        Assert.Equal(18, check.Columns.Count);
        Assert.NotEmpty(check.Recommendation);
        var listed = await new JobService.JobServiceClient(owner).ListJobsAsync(new ListJobsRequest { DatasetId = second.Id });
        Assert.Equal([JobKind.DriftCheck], listed.Jobs.Select(j => j.Kind));

        var budget = await BudgetAsync(owner, second.Id);
        Assert.Equal(pending.LifetimeEpsilonAfter, budget.SpentEpsilon, 6);
        Assert.Equal(budget.SpentEpsilon, budget.CommittedEpsilon, 9);

        // The budget view's lineage: which run read which version, each with its own epsilon; the lifetime composes them.
        Assert.Equal([(first.Id, 1), (second.Id, 2)], budget.Versions.Select(v => (v.DatasetId, v.Version)));
        var training = Assert.Single(budget.Versions[0].Runs);
        Assert.Equal(("training", "succeeded", modelId, "charged"), (training.Kind, training.State, training.ModelId, training.LedgerState));
        var drift = Assert.Single(budget.Versions[1].Runs);
        Assert.Equal((job.Id, "drift_check", modelId, "charged"), (drift.JobId, drift.Kind, drift.ModelId, drift.LedgerState));
        Assert.Equal(job.TargetEpsilon, drift.Epsilon, 3);
        Assert.True(budget.SpentEpsilon < training.Epsilon + drift.Epsilon, "composed below the sum");
        Assert.True(budget.SpentEpsilon > Math.Max(training.Epsilon, drift.Epsilon));
        Assert.Equal(budget.Versions, (await BudgetAsync(owner, first.Id)).Versions); // the same view from either version
    }

    [Fact]
    public async Task Erasing_the_new_version_cancels_its_queued_drift_check_and_gives_the_reservation_back()
    {
        // One worker, held by a long training run: the drift check waits in the queue.
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: [TestPolicies.WriteFolder(), "--SynthData:MaxConcurrentJobs=1"]);
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var first = await Uploads.UploadBankAsync(owner);
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, first.Id);
        var second = await SecondVersionAsync(owner, first.Id);
        var jobs = new JobService.JobServiceClient(owner);
        var blocker = await new TrainingService.TrainingServiceClient(owner).StartTrainingAsync(ServerFlow.ShortRun(first.Id, epsilon: 1, epochs: 40));
        var committedBefore = (await BudgetAsync(owner, first.Id)).CommittedEpsilon;

        var job = await new ModelLifecycleService.ModelLifecycleServiceClient(owner).StartDriftCheckAsync(
            new StartDriftCheckRequest { ModelId = modelId, DatasetId = second.Id });
        Assert.Equal(JobState.Queued, job.State);
        Assert.True((await BudgetAsync(owner, first.Id)).CommittedEpsilon > committedBefore + 1e-6, "reserved when queued");

        await new DatasetService.DatasetServiceClient(owner).DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = second.Id });
        var ended = await jobs.GetJobAsync(new GetJobRequest { JobId = job.Id });
        Assert.Equal(JobState.Cancelled, ended.State);
        Assert.Contains(ended.Reasons, r => r.Contains("erased"));
        var budget = await BudgetAsync(owner, first.Id);
        Assert.Equal(committedBefore, budget.CommittedEpsilon, 9); // nothing read, nothing owed
        var released = Assert.Single(budget.Versions[1].Runs);
        Assert.Equal(("cancelled", "released", 0.0), (released.State, released.LedgerState, released.Epsilon));
        Assert.True(budget.Versions[1].RawDataErased);
        Assert.Equal(JobState.Running, (await jobs.GetJobAsync(new GetJobRequest { JobId = blocker.Id })).State); // another dataset's job goes on
        await jobs.CancelJobAsync(new CancelJobRequest { JobId = blocker.Id });
        await ServerFlow.WatchToEndAsync(owner, blocker.Id, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_drift_check_cancelled_after_its_read_stays_charged()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var first = await Uploads.UploadBankAsync(owner);
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, first.Id);
        var second = await SecondVersionAsync(owner, first.Id);
        double spentBefore = (await BudgetAsync(owner, first.Id)).SpentEpsilon;
        var jobs = new JobService.JobServiceClient(owner);
        var job = await new ModelLifecycleService.ModelLifecycleServiceClient(owner).StartDriftCheckAsync(
            new StartDriftCheckRequest { ModelId = modelId, DatasetId = second.Id });

        using var watch = jobs.WatchJob(new WatchJobRequest { JobId = job.Id });
        await foreach (var e in watch.ResponseStream.ReadAllAsync())
            if (e.Message == "compare" || e.Job.State is JobState.Succeeded) break; // the read is done and settled
        await jobs.CancelJobAsync(new CancelJobRequest { JobId = job.Id });
        var last = (await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(2)))[^1].Job;
        // The comparison may finish before the cancel lands; either way the read was made, so it is charged.
        Assert.Contains(last.State, new[] { JobState.Cancelled, JobState.Succeeded });
        var budget = await BudgetAsync(owner, second.Id);
        Assert.True(budget.SpentEpsilon > spentBefore + 1e-6, $"{last.State}: spent {budget.SpentEpsilon} after {spentBefore}");
        Assert.Equal(budget.SpentEpsilon, budget.CommittedEpsilon, 9);
    }

    [Fact]
    public async Task A_model_trained_after_a_drift_check_carries_it_in_its_report_and_its_card()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var first = await Uploads.UploadBankAsync(owner);
        string earlier = await ServerFlow.TrainOneEpochAsync(owner, first.Id);
        var second = await SecondVersionAsync(owner, first.Id);
        var check = await new ModelLifecycleService.ModelLifecycleServiceClient(owner).StartDriftCheckAsync(
            new StartDriftCheckRequest { ModelId = earlier, DatasetId = second.Id });
        Assert.Equal(JobState.Succeeded, (await ServerFlow.WatchToEndAsync(owner, check.Id, TimeSpan.FromMinutes(3)))[^1].Job.State);

        string retrained = await ServerFlow.TrainOneEpochAsync(owner, second.Id);
        var report = await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = retrained, Seed = 1, Canaries = 10 });
        using (var json = System.Text.Json.JsonDocument.Parse(report.ReportJson))
        {
            var drift = json.RootElement.GetProperty("drift");
            Assert.Equal(check.Id, drift.GetProperty("check_id").GetString());
            Assert.Equal(earlier, drift.GetProperty("checked_model_id").GetString());
            Assert.Equal(second.Id, drift.GetProperty("dataset_id").GetString());
            Assert.InRange(drift.GetProperty("epsilon").GetDouble(), 0.499, 0.5);
        }
        var html = await ServerFlow.ReportHtmlAsync(owner, retrained);
        Assert.Contains("Drift check before training", html);
        Assert.Contains(check.Id, html);

        Assert.True(report.ReleaseDecision.Allowed, string.Join("; ", report.ReleaseDecision.Reasons));
        var generated = await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = retrained, Rows = 100, Seed = 3 });
        var card = System.Text.Json.JsonSerializer.Deserialize<Core.Governance.Metadata.GovernanceMetadata>(generated.Header.GovernanceJson, Core.SynthDataJson.Options)!;
        Assert.Equal(check.Id, card.Drift!.CheckId);
        Assert.Contains(check.Id, Core.Governance.Metadata.ModelCard.ToMarkdown(card));
    }
}
