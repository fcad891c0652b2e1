using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Parquet;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// Raw rows never leave, as an adversary holding a consumer key checks it: a table with planted sentinel values
/// (an identifier, an email, a one-row category, an extreme number) goes through upload, training, audit and
/// release; everything a consumer can get back (the Generate stream's header, every cell and the footer of the
/// Parquet file, policy listings, the errors of refused calls) is searched for the sentinels and for the uploaded
/// file's SHA-256. Removing the keyed fingerprint (the footer's old source hash) or the consumer's report refusal
/// makes this test fail.
/// </summary>
public sealed class ConsumerViewTests
{
    const string SentinelId = "C-SENTINEL-7731";
    const string SentinelEmail = "sentinel.person.7731@example.com";
    const string SentinelJob = "sentineljob7731";
    const string SentinelBalance = "987654321";

    static byte[] PlantedTable()
    {
        var lines = File.ReadAllLines(TestFiles.BankCsv);
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');
        cells[Array.IndexOf(header, "customer_id")] = SentinelId;
        cells[Array.IndexOf(header, "email")] = SentinelEmail;
        cells[Array.IndexOf(header, "job")] = SentinelJob;
        cells[Array.IndexOf(header, "balance")] = SentinelBalance;
        lines[1] = string.Join(',', cells);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }

    [Fact]
    public async Task Nothing_a_consumer_receives_holds_a_planted_value_or_the_source_hash()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var table = PlantedTable();
        string sourceSha = Convert.ToHexStringLower(SHA256.HashData(table));

        var dataset = await Uploads.UploadAsync(owner, table, DataFormat.Csv, "planted", File.ReadAllText(TestFiles.BankSchema));
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
        var audit = await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 1, Canaries = 10 });
        Assert.True(audit.ReleaseDecision.Allowed, string.Join("; ", audit.ReleaseDecision.Reasons));

        var seen = new List<string>();
        var file = await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 20_000, Seed = 3 });
        seen.Add(file.Header.ToString());
        seen.Add(file.Summary.ToString());
        seen.AddRange(ReleaseFlowTests.ReadRows(file.Bytes));
        await using (var parquet = await ParquetReader.CreateAsync(new MemoryStream(file.Bytes)))
            seen.AddRange(parquet.CustomMetadata.Select(kv => kv.Key + "=" + kv.Value));
        seen.Add((await new GovernanceService.GovernanceServiceClient(consumer).ListPoliciesAsync(new ListPoliciesRequest())).ToString());
        foreach (var refused in new Func<Task>[]
        {
            () => new AuditService.AuditServiceClient(consumer).GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId }).ResponseAsync,
            () => new DatasetService.DatasetServiceClient(consumer).GetDatasetAsync(new GetDatasetRequest { DatasetId = dataset.Id }).ResponseAsync,
            () => new DatasetService.DatasetServiceClient(consumer).ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync,
            () => new GovernanceService.GovernanceServiceClient(consumer).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id }).ResponseAsync,
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(refused);
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
            seen.Add(error.Status.Detail);
        }

        Assert.Equal(20_000, file.Summary.Rows);
        foreach (var text in seen)
            foreach (var planted in new[] { SentinelId, SentinelEmail, SentinelJob, SentinelBalance, sourceSha, sourceSha[..16] })
                Assert.DoesNotContain(planted, text, StringComparison.OrdinalIgnoreCase);
        // The footer says what the file is without raw figures: the guarantee, secret randomness, no audit figure.
        Assert.Contains("\"randomness\":\"secure\"", file.Header.GovernanceJson);
        Assert.DoesNotContain("dcr_share", file.Header.GovernanceJson);
        Assert.DoesNotContain("max_mia_auc_upper", file.Header.GovernanceJson);
    }
}
