using System.Text.Json;
using System.Text.RegularExpressions;
using SynthData.Bench;


namespace SynthData.Client.Tests;

/// <summary>
/// `synthdata drift` against a server (issue 18): the new table is uploaded as a version of the model's dataset, the
/// check runs as a server job charged to the shared budget, and the same per-column table and verdict are printed.
/// </summary>
public sealed class CliDriftServerTests
{
    [Fact]
    public async Task Drift_against_a_server_uploads_the_version_runs_the_job_and_prints_the_table_and_verdict()
    {
        await using var server = await InProcessServer.StartAsync(CancellationToken.None);
        string folder = Directory.CreateTempSubdirectory("synthdata-cli-drift").FullName;
        try
        {
            string[] As(string key, params string[] args) => ["--server", server.Url, "--api-key", key, .. args];
            string admin = (await CliServerModeTests.Cli(As(server.AdminKey, "create-key", "--tenant", "acme", "--role", "admin"))).Out.Trim();
            string owner = (await CliServerModeTests.Cli(As(admin, "create-key", "--tenant", "acme", "--role", "owner"))).Out.Trim();
            string csv = Path.Combine(CliServerModeTests.Repository(), "samples", "bank-marketing.csv"), schema = Path.Combine(CliServerModeTests.Repository(), "samples", "bank-marketing.schema.json");
            using var uploaded = JsonDocument.Parse((await CliServerModeTests.Cli(As(owner, "upload", csv, "--schema", schema, "--json"))).Out);
            string datasetId = uploaded.RootElement.GetProperty("id").GetString()!;
            var train = await CliServerModeTests.Cli(As(owner, "train", datasetId, "--epsilon", "1", "--epochs", "1", "--seed", "7", "--watch"));
            Assert.True(train.ExitCode == 0, train.Out + train.Error);
            string modelId = Regex.Match(train.Out, @"succeeded: model (\S+);").Groups[1].Value;

            // Next month: half the rows, uploaded by the drift command as a version of the model's dataset.
            var lines = File.ReadAllLines(csv);
            string month = Path.Combine(folder, "next-month.csv");
            File.WriteAllLines(month, lines.Take(lines.Length / 2));
            var drift = await CliServerModeTests.Cli(As(owner, "drift", modelId, month, "--schema", schema));
            Assert.True(drift.ExitCode == 0, drift.Out + drift.Error);
            var version = Regex.Match(drift.Error, @"as dataset (\S+), a version of (\S+)");
            Assert.Equal(datasetId, version.Groups[2].Value);
            Assert.Contains("epsilon 0.5", drift.Error); // the cost, before the check runs
            var table = drift.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("cost: epsilon 0.5", table[0]);
            Assert.StartsWith("column", table[1]);
            Assert.Equal(18, table.Count(l => Regex.IsMatch(l, @"\s(TV|KS)\s+[0-9.]+\s+\[[0-9.]+, [0-9.]+\]\s+(stable|inconclusive|drifted)$")));
            Assert.Matches("^(Retrain|Not yet): ", table[^1]);

            // The uploaded version again, by id, as JSON: a second check, charged again, composing with the first.
            var again = await CliServerModeTests.Cli(As(owner, "drift", modelId, "--dataset-version", version.Groups[1].Value, "--json"));
            Assert.True(again.ExitCode == 0, again.Out + again.Error);
            using var check = JsonDocument.Parse(again.Out);
            Assert.Equal("DRIFT_CHECK_STATE_SUCCEEDED", check.RootElement.GetProperty("state").GetString());
            Assert.Equal(18, check.RootElement.GetProperty("columns").GetArrayLength());
            Assert.True(check.RootElement.GetProperty("lifetime_epsilon_after").GetDouble() > 1.0);

            // Mixed-up arguments exit 2 with a plain message; local-only options are refused with --server.
            Assert.Equal(2, (await CliServerModeTests.Cli(As(owner, "drift", modelId, month, "--dataset-version", version.Groups[1].Value))).ExitCode);
            Assert.Equal(2, (await CliServerModeTests.Cli(As(owner, "drift", modelId, month, "--cost-only"))).ExitCode);
            Assert.Equal(2, (await CliServerModeTests.Cli("drift", "model.bin", month, "--dataset-version", "ds_x")).ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
