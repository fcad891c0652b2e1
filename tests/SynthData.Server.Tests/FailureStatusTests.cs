using System.Diagnostics;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using SynthData.Api.V1;
using StatusCode = Grpc.Core.StatusCode;

namespace SynthData.Server.Tests;

/// <summary>
/// The requests a hostile client found answered UNKNOWN (issue 19, point 4): each now gets a deliberate status
/// naming the field or the file, parameters are range-checked before any heavy work, and an id is echoed only
/// as a short prefix with its control characters escaped.
/// </summary>
public sealed class FailureStatusTests : IAsyncLifetime
{
    RunningServer _server = null!;
    CallInvoker _owner = null!;
    Dataset _dataset = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(TestFiles.NewTempDirectory());
        _owner = _server.As((await _server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        _dataset = await Uploads.UploadBankAsync(_owner);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    static void AssertNamesField(RpcException e, string field)
    {
        Assert.True(e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition, $"{field}: got {e.StatusCode}: {e.Status.Detail}");
        Assert.Contains(field, e.Status.Detail);
        var violations = e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
        Assert.Contains(field, violations);
    }

    Task<Job> Start(double epsilon, double? delta = null)
    {
        var request = new StartTrainingRequest { DatasetId = _dataset.Id, Epsilon = epsilon, Options = new ModelOptions { Epochs = 1, Seed = 7 } };
        if (delta is { } d) request.Delta = d;
        return new TrainingService.TrainingServiceClient(_owner).StartTrainingAsync(request).ResponseAsync;
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(5e-324)]
    public async Task A_tiny_epsilon_is_refused_naming_epsilon(double epsilon) =>
        AssertNamesField(await Assert.ThrowsAsync<RpcException>(() => Start(epsilon)), "epsilon");

    [Fact]
    public async Task An_epsilon_too_small_for_undeclared_columns_is_refused_naming_epsilon()
    {
        // No schema: every column is inferred, so preprocessing must buy its bounds and categories with noise.
        var undeclared = await Uploads.UploadAsync(_owner, File.ReadAllBytes(TestFiles.BankCsv), DataFormat.Csv, "undeclared");
        var e = await Assert.ThrowsAsync<RpcException>(() => new TrainingService.TrainingServiceClient(_owner)
            .StartTrainingAsync(new StartTrainingRequest { DatasetId = undeclared.Id, Epsilon = 0.01, Options = new ModelOptions { Epochs = 1, Seed = 7 } })
            .ResponseAsync);
        AssertNamesField(e, "epsilon");
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(1e-300)]
    public async Task An_unusable_delta_is_refused_naming_delta(double delta)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Start(1, delta));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        AssertNamesField(e, "delta");
    }

    [Fact]
    public async Task A_huge_epsilon_is_refused_before_any_heavy_work()
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RpcException>(() => Start(1e300));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"refused only after {clock.Elapsed}");
        AssertNamesField(e, "epsilon");
    }

    [Fact]
    public async Task The_policy_cap_on_epsilon_is_checked_before_the_table_is_touched()
    {
        // With the raw rows erased, anything that reads the table would answer "erased": the cap must answer first.
        await new DatasetService.DatasetServiceClient(_owner).DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = _dataset.Id });
        var e = await Assert.ThrowsAsync<RpcException>(() => Start(50)); // within the API's range, above the default policy's 3
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("maximum per release", e.Status.Detail);
    }

    [Fact]
    public async Task A_parquet_footer_length_beyond_memory_is_refused_naming_the_file_and_logged()
    {
        // "PAR1", a little body, then a footer claiming 0x7fffffff bytes: a reader that believes it allocates 2 GiB.
        var content = Encoding.ASCII.GetBytes("PAR1").Concat(new byte[64]).Concat(BitConverter.GetBytes(0x7fffffff)).Concat(Encoding.ASCII.GetBytes("PAR1")).ToArray();
        var e = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(_owner, content, DataFormat.Parquet, "footer-bomb"));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("footer-bomb.parquet", e.Status.Detail);
        var log = await new GovernanceService.GovernanceServiceClient(_owner).ListAuditLogAsync(new ListAuditLogRequest { PageSize = 50 });
        Assert.Contains(log.Entries, entry => entry.Action == "dataset.upload_rejected" && entry.Detail.Contains("footer-bomb.parquet"));
    }

    [Fact]
    public async Task A_100_kb_id_with_newlines_is_refused_and_echoed_only_as_a_short_escaped_prefix()
    {
        string id = "ds_\nINJECTED " + new string('x', 100_000);
        var datasets = new DatasetService.DatasetServiceClient(_owner);
        var e = await Assert.ThrowsAsync<RpcException>(() => datasets.GetDatasetAsync(new GetDatasetRequest { DatasetId = id }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.True(e.Status.Detail.Length < 200, $"the reply echoes {e.Status.Detail.Length} characters");

        // Short enough to pass the length check: quoted in NOT_FOUND, its newline escaped.
        var notFound = await Assert.ThrowsAsync<RpcException>(() => datasets.GetDatasetAsync(new GetDatasetRequest { DatasetId = "ds_a\nINJECTED" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.DoesNotContain("\n", notFound.Status.Detail);
        Assert.Contains("\\n", notFound.Status.Detail);
    }

    [Fact]
    public async Task An_over_long_dataset_name_is_refused_naming_the_field()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(_owner, File.ReadAllBytes(TestFiles.BankCsv), DataFormat.Csv, new string('n', 100_000)));
        AssertNamesField(e, "header.name");
        Assert.True(e.Status.Detail.Length < 200);
        Assert.Single((await new DatasetService.DatasetServiceClient(_owner).ListDatasetsAsync(new ListDatasetsRequest())).Datasets);
    }
}
