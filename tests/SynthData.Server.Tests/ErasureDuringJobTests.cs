using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// Erasing a dataset while a training job runs on it cancels the job (issue 19, point 7): it must not go on to
/// succeed from rows already in memory, and the ledger charges it for the steps it took, as any cancelled run.
/// </summary>
public sealed class ErasureDuringJobTests
{
    [Fact]
    public async Task Deleting_a_dataset_cancels_its_running_training_job_charged_for_the_steps_taken()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner);
        var training = new TrainingService.TrainingServiceClient(owner);
        var job = await training.StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 40));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await new JobService.JobServiceClient(owner).GetJobAsync(new GetJobRequest { JobId = job.Id })).StepsTaken == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never took a step");
            await Task.Delay(50);
        }
        await new DatasetService.DatasetServiceClient(owner).DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = dataset.Id });

        var last = (await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromSeconds(60)))[^1].Job;
        Assert.Equal(JobState.Cancelled, last.State);
        Assert.Empty(last.ModelId);
        Assert.Contains(last.Reasons, r => r.Contains("erased"));
        Assert.True(last.StepsTaken > 0 && last.StepsTaken < job.TotalSteps, $"steps {last.StepsTaken} of {job.TotalSteps}");
        var budget = await new GovernanceService.GovernanceServiceClient(owner).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id });
        Assert.True(budget.SpentEpsilon > 0, "the steps taken are charged");
        Assert.Equal(budget.SpentEpsilon, budget.CommittedEpsilon, 9); // nothing left reserved
    }
}
