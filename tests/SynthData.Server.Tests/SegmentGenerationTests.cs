using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using SynthData.Api.V1;
using StatusCode = Grpc.Core.StatusCode;

namespace SynthData.Server.Tests;

/// <summary>
/// Segments over gRPC: a condition the model cannot serve (a label outside its vocabulary, a PII column, a range outside
/// the column's support) is INVALID_ARGUMENT with a google.rpc.BadRequest field violation on conditions[i] whose
/// description names the column; a servable segment streams rows that all meet it, and the header's governance says
/// the file describes a segment.
/// </summary>
public sealed class SegmentGenerationTests
{
    [Fact]
    public async Task Bad_conditions_are_invalid_argument_naming_the_column_and_a_good_segment_streams_only_its_rows()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner);
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
        var audit = await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 1, Canaries = 10 });
        Assert.True(audit.ReleaseDecision.Allowed, string.Join("; ", audit.ReleaseDecision.Reasons));

        var bad = new (string Column, Condition Condition)[]
        {
            ("marital", new Condition { Column = "marital", Equals_ = "astronaut" }),
            ("email", new Condition { Column = "email", Equals_ = "x@example.com" }),
            ("age", new Condition { Column = "age", NumericRange = new NumericRange { Min = 150, Max = 200 } }),
            ("nonexistent", new Condition { Column = "nonexistent", IsMissing = new() }),
        };
        foreach (var (column, condition) in bad)
        {
            var request = new GenerateRequest { ModelId = modelId, Rows = 100, Seed = 1, Conditions = { new Condition { Column = "y", Equals_ = "yes" }, condition } };
            var e = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.GenerateAsync(consumer, request));
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            var violation = Assert.Single(e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
            Assert.Equal("conditions[1]", violation.Field);
            Assert.Contains($"'{column}'", violation.Description);
        }

        var file = await ServerFlow.GenerateAsync(consumer, new GenerateRequest
        {
            ModelId = modelId, Rows = 500, Seed = 2,
            Conditions = { new Condition { Column = "marital", InSet = new LabelSet { Values = { "single", "divorced" } } },
                           new Condition { Column = "age", NumericRange = new NumericRange { Max = 40, MaxExclusive = true } } },
        });
        string path = Path.Combine(TestFiles.NewTempDirectory(), "segment.parquet");
        File.WriteAllBytes(path, file.Bytes);
        using var reader = SynthData.Core.Tabular.Io.TableReaders.Open(path, new SynthData.Core.Tabular.Io.TableReadOptions());
        var rows = reader.ReadRows().Select(r => r.Cells.ToArray()).ToList();
        Assert.Equal(500, rows.Count);
        int marital = reader.ColumnNames.ToList().IndexOf("marital"), age = reader.ColumnNames.ToList().IndexOf("age");
        Assert.All(rows, r => Assert.Contains(r[marital], new[] { "single", "divorced" }));
        Assert.All(rows, r => Assert.True(double.Parse(r[age]!, System.Globalization.CultureInfo.InvariantCulture) < 40));
        using var governance = JsonDocument.Parse(file.Header.GovernanceJson);
        var segment = governance.RootElement.GetProperty("generation").GetProperty("segment");
        Assert.Equal(["marital in (single, divorced)", "age < 40"], segment.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("not the population", segment.GetProperty("note").GetString());
    }
}
