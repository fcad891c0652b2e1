using System.Text;
using Google.Protobuf;
using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>An upload declared a new version of a dataset shares its lifetime budget (issue 18).</summary>
public sealed class DatasetVersionTests
{
    /// <summary>Uploads bank-marketing rows (CSV text) declared a new version of <paramref name="versionOf"/>.</summary>
    internal static async Task<Dataset> UploadVersionAsync(CallInvoker owner, string csv, string versionOf, string policyId = TestPolicies.TinyBudget)
    {
        using var call = new DatasetService.DatasetServiceClient(owner).UploadDataset();
        await call.RequestStream.WriteAsync(new UploadDatasetRequest
        {
            Header = new UploadDatasetHeader
            {
                Name = "bank-next-month", Format = DataFormat.Csv, SchemaJson = File.ReadAllText(TestFiles.BankSchema),
                PolicyId = policyId, VersionOf = versionOf,
            },
        });
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFrom(csv, Encoding.UTF8) });
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    [Fact]
    public async Task A_run_on_version_2_is_refused_when_version_1_used_up_the_budget()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var training = new TrainingService.TrainingServiceClient(owner);
        var first = await Uploads.UploadBankAsync(owner, TestPolicies.TinyBudget);
        // Epsilon 1 of the lifetime 1.2 reserved on version 1.
        var job = await training.StartTrainingAsync(ServerFlow.ShortRun(first.Id, epsilon: 1, epochs: 1));

        // Next month: other rows (the first half of the table), declared a version of the first upload.
        var lines = File.ReadAllLines(TestFiles.BankCsv);
        var second = await UploadVersionAsync(owner, string.Join('\n', lines.Take(lines.Length / 2)) + "\n", first.Id);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await training.StartTrainingAsync(ServerFlow.ShortRun(second.Id, epsilon: 1, epochs: 1)));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);

        var governance = new GovernanceService.GovernanceServiceClient(owner);
        var budgetOfFirst = await governance.GetBudgetAsync(new GetBudgetRequest { DatasetId = first.Id });
        var budgetOfSecond = await governance.GetBudgetAsync(new GetBudgetRequest { DatasetId = second.Id });
        Assert.Equal(budgetOfFirst.CommittedEpsilon, budgetOfSecond.CommittedEpsilon, 12);
        Assert.True(budgetOfSecond.CommittedEpsilon > 0.9);
        await new JobService.JobServiceClient(owner).CancelJobAsync(new CancelJobRequest { JobId = job.Id });
        await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_version_of_an_unknown_dataset_is_invalid_argument()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadVersionAsync(owner, File.ReadAllText(TestFiles.BankCsv), "ds_nosuchdataset"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("version_of", error.Status.Detail);
    }
}
