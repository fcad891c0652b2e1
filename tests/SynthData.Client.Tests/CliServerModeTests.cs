using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using SynthData.Cli;
using SynthData.Bench;

namespace SynthData.Client.Tests;

/// <summary>
/// The `synthdata` CLI in server mode against the real server hosted in-process: keys, upload, train --watch, audit,
/// approve, generate, and the errors a user sees. Each run writes to its own StringWriters, so these tests run in parallel.
/// </summary>
public sealed partial class CliServerModeTests
{
    internal sealed record CliResult(int ExitCode, string Out, string Error);

    /// <summary>Runs the command line with captured writers: the CLI writes only through its invocation's Output and Error.</summary>
    internal static async Task<CliResult> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await SynthDataCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    internal static string Repository([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [Fact]
    public async Task The_release_flow_runs_through_the_cli_and_server_errors_exit_2_with_their_status()
    {
        await using var server = await InProcessServer.StartAsync(CancellationToken.None);
        string output = Directory.CreateTempSubdirectory("synthdata-cli-tests").FullName;
        try
        {
            string[] As(string key, params string[] args) => ["--server", server.Url, "--api-key", key, .. args];
            // The operator key (the server's bootstrap key) creates the tenant's admin; the admin creates the other keys.
            string admin = (await Cli(As(server.AdminKey, "create-key", "--tenant", "acme", "--role", "admin"))).Out.Trim();
            async Task<string> Key(string role) => (await Cli(As(admin, "create-key", "--tenant", "acme", "--role", role))).Out.Trim();
            string owner = await Key("owner"), reviewer = await Key("reviewer"), consumer = await Key("consumer");
            Assert.StartsWith("sdk_", owner);
            var elsewhere = await Cli(As(admin, "create-key", "--tenant", "other-co", "--role", "owner"));
            Assert.Equal(2, elsewhere.ExitCode);
            Assert.StartsWith("error: PermissionDenied: ", elsewhere.Error);

            // list-keys shows the tenant's keys without their secrets; a revoked key is refused on its next call.
            string spare = await Key("consumer");
            var listed = await Cli(As(admin, "list-keys"));
            Assert.Equal(0, listed.ExitCode);
            Assert.Equal(5, listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // admin, owner, reviewer, 2 consumers
            Assert.DoesNotContain(owner, listed.Out);
            using (var keys = JsonDocument.Parse((await Cli(As(admin, "list-keys", "--json"))).Out))
            {
                string spareId = keys.RootElement.GetProperty("keys").EnumerateArray().Last().GetProperty("key_id").GetString()!;
                var revoke = await Cli(As(admin, "revoke-key", spareId));
                Assert.True(revoke.ExitCode == 0, revoke.Error);
                Assert.StartsWith($"revoked consumer key {spareId} of tenant acme", revoke.Out);
            }
            var revoked = await Cli(As(spare, "generate", "model_x", "--rows", "1", "--out", Path.Combine(output, "never.parquet")));
            Assert.StartsWith("error: Unauthenticated: ", revoked.Error);

            var upload = await Cli(As(owner, "upload", Path.Combine(Repository(), "samples", "bank-marketing.csv"),
                "--schema", Path.Combine(Repository(), "samples", "bank-marketing.schema.json"), "--json"));
            Assert.Equal(0, upload.ExitCode);
            using var dataset = JsonDocument.Parse(upload.Out);
            string datasetId = dataset.RootElement.GetProperty("id").GetString()!;
            Assert.Equal("4000", dataset.RootElement.GetProperty("row_count").ToString());

            // One epoch keeps the test short; the job's own figures are the server tests' business.
            var train = await Cli(As(owner, "train", datasetId, "--epsilon", "1", "--epochs", "1", "--seed", "7", "--watch"));
            Assert.True(train.ExitCode == 0, train.Out + train.Error);
            string modelId = ModelId().Match(train.Out).Groups[1].Value;
            Assert.StartsWith("model", modelId);

            // Not released yet: the server's status reaches the user as "error: CODE: detail", exit 2, and no file is left.
            string synthetic = Path.Combine(output, "synthetic.parquet");
            var early = await Cli(As(consumer, "generate", modelId, "--rows", "10", "--out", synthetic));
            Assert.Equal(2, early.ExitCode);
            Assert.StartsWith("error: FailedPrecondition: ", early.Error);
            Assert.Empty(Directory.GetFiles(output));

            var audit = await Cli(As(owner, "audit", modelId, "--out", Path.Combine(output, "audit")));
            Assert.True(audit.ExitCode == 0, audit.Out + audit.Error);
            Assert.Contains("verdict: pass", audit.Out);
            Assert.Contains("release decision: allowed under policy default", audit.Out);
            // The page came as a stream of chunks, whole: the self-contained report ends where the HTML ends.
            string html = await File.ReadAllTextAsync(Path.Combine(output, "audit", "report.html"));
            Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.OrdinalIgnoreCase);
            using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "audit", "report.json"))))
                Assert.True(report.RootElement.GetProperty("attacks").GetArrayLength() >= 1);

            var ownerApproves = await Cli(As(owner, "approve", modelId));
            Assert.Equal(2, ownerApproves.ExitCode);
            Assert.StartsWith("error: PermissionDenied: ", ownerApproves.Error);
            var approve = await Cli(As(reviewer, "approve", modelId, "--comment", "checked"));
            Assert.Contains($"model {modelId}: released", approve.Out);

            var generate = await Cli(As(consumer, "generate", modelId, "--rows", "2000", "--seed", "3", "--out", synthetic));
            Assert.True(generate.ExitCode == 0, generate.Out + generate.Error);
            Assert.Contains("wrote 2,000 synthetic rows", generate.Out);
            // The footer's guarantee is the run's: at most the epsilon 1 it was admitted for (calibrated just under it).
            var governance = Guarantee().Match(generate.Out);
            Assert.True(governance.Success, generate.Out);
            Assert.InRange(double.Parse(governance.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0.9, 1.0);
            var bytes = await File.ReadAllBytesAsync(synthetic);
            Assert.Equal("PAR1"u8.ToArray(), bytes[..4]); // a Parquet file starts and ends with its magic
            Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
            Assert.False(File.Exists(synthetic + GeneratedFileReceiver.PartialSuffix));

            // The lineage: one released model, current because it is the latest released. A consumer may not change it;
            // a reviewer's withdrawal stops its generation, and a withdrawn model cannot be made current again.
            var models = await Cli(As(owner, "models", datasetId));
            Assert.True(models.ExitCode == 0, models.Out + models.Error);
            Assert.Matches($@"^1\s+{modelId}\s+{datasetId}\s+released\s.*\(current\)$", models.Out.Split('\n')[1].TrimEnd());
            Assert.Contains($"current: {modelId}", models.Out);
            Assert.StartsWith("error: PermissionDenied: ", (await Cli(As(consumer, "withdraw", modelId))).Error);
            var withdrawn = await Cli(As(reviewer, "withdraw", modelId, "--comment", "superseded"));
            Assert.True(withdrawn.ExitCode == 0, withdrawn.Out + withdrawn.Error);
            Assert.Contains("no current model", withdrawn.Out);
            Assert.StartsWith("error: FailedPrecondition: ", (await Cli(As(consumer, "generate", modelId, "--rows", "10", "--out", synthetic + ".2"))).Error);
            var pin = await Cli(As(reviewer, "set-current", datasetId, modelId));
            Assert.Equal(2, pin.ExitCode);
            Assert.StartsWith("error: FailedPrecondition: ", pin.Error);

            // A job that does not succeed makes watch exit 1 with the state and the server's reasons.
            var second = await Cli(As(owner, "train", datasetId, "--epsilon", "1", "--epochs", "30", "--json"));
            using var queued = JsonDocument.Parse(second.Out);
            string jobId = queued.RootElement.GetProperty("id").GetString()!;
            using (var connection = new SynthDataConnection(server.Url, owner))
                await connection.Jobs.CancelJobAsync(new SynthData.Api.V1.CancelJobRequest { JobId = jobId });
            var watch = await Cli(As(owner, "watch", jobId));
            Assert.Equal(1, watch.ExitCode);
            Assert.StartsWith("cancelled: ", watch.Error.Split('\n').Last(l => l.Length > 0));

            // Local-only options are refused with --server rather than ignored.
            var data = await Cli(As(owner, "audit", modelId, "--data", "x.csv"));
            Assert.Equal(2, data.ExitCode);
            Assert.Contains("--data applies to local files only", data.Error);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Server_commands_without_a_server_or_key_say_what_is_missing()
    {
        string? saved = Environment.GetEnvironmentVariable("SYNTHDATA_SERVER");
        Assert.True(string.IsNullOrEmpty(saved), "this test expects SYNTHDATA_SERVER unset");
        var noServer = await Cli("upload", "table.csv");
        Assert.Equal(2, noServer.ExitCode);
        Assert.Contains("--server URL", noServer.Error);
        var noKey = await Cli("--server", "http://127.0.0.1:1", "watch", "job_1");
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("--api-key", noKey.Error);
        // Nothing listens on port 1: the channel's failure is a status like any other.
        var unreachable = await Cli("--server", "http://127.0.0.1:1", "--api-key", "k", "watch", "job_1");
        Assert.Equal(2, unreachable.ExitCode);
        Assert.StartsWith("error: Unavailable: ", unreachable.Error);
    }

    [GeneratedRegex(@"governance: \(([0-9.]+), ")]
    private static partial Regex Guarantee();

    [GeneratedRegex(@"succeeded: model (\S+);")]
    private static partial Regex ModelId();
}
