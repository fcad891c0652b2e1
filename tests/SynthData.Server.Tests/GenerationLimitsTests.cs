using Google.Rpc;
using Grpc.Core;
using SynthData.Api.V1;
using StatusCode = Grpc.Core.StatusCode;

namespace SynthData.Server.Tests;

/// <summary>
/// Generation memory is bounded by configuration, not by the request: the Parquet writer keeps a footer entry per row
/// group until the file ends, so tiny row groups (the hardening review's row_group_size = 1 at 400,000 rows took the
/// server from 1.1 to 3.0 GB) and files of too many groups are refused before any model is loaded.
/// </summary>
public sealed class GenerationLimitsTests
{
    [Fact]
    public async Task Tiny_row_groups_and_too_many_groups_are_invalid_argument_naming_row_group_size()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(),
            settings: "--SynthData:MaxRowGroupsPerFile=100");
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var client = new GenerationService.GenerationServiceClient(consumer);

        async Task<RpcException> Call(long rows, int? rowGroupSize) => await Assert.ThrowsAsync<RpcException>(async () =>
        {
            var request = new GenerateRequest { ModelId = "model_missing", Rows = rows };
            if (rowGroupSize is { } size) request.RowGroupSize = size;
            using var call = client.Generate(request);
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        });

        foreach (var (rows, size) in new[] { (400_000L, 1), (400_000L, 0), (400_000L, 999), (1_000_000L, 1_000) })
        {
            var e = await Call(rows, size);
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.Equal("row_group_size", Assert.Single(e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        }
        // 1,000,000 rows in groups of 10,000 is 100 groups: within the limit, so the call gets as far as the model.
        Assert.Equal(StatusCode.NotFound, (await Call(1_000_000, 10_000)).StatusCode);
        // The default group size (65,536, when unset) with few rows is always within the limits.
        Assert.Equal(StatusCode.NotFound, (await Call(5_000, null)).StatusCode);
    }
}
