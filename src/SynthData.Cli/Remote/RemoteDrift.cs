using System.CommandLine;
using System.Globalization;
using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Output;

namespace SynthData.Cli.Remote;

/// <summary>
/// `drift MODEL NEW` with --server: uploads NEW as a version of the model's dataset (unless --dataset-version names one
/// already uploaded), starts the DP check (the server reserves its epsilon in the shared budget and refuses it past the
/// budget), follows the job, then prints the per-column table and the verdict, or the check as JSON. Exit 1 when the
/// check did not succeed.
/// </summary>
public static class RemoteDrift
{
    /// <summary>Where the new rows come from: a file to upload (with its optional schema and delimiter) or an uploaded version.</summary>
    public sealed record NewRows(string? Path, string? DatasetVersion, string? SchemaPath, string? Delimiter);

    public static async Task<int> RunAsync(ParseResult parse, string modelId, NewRows rows, double epsilon, double tolerance, bool json, CancellationToken cancel)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        using var connection = ServerConnectionOptions.Connect(parse, "drift");
        string datasetId = rows.DatasetVersion ?? "";
        if (datasetId.Length == 0)
        {
            var model = await connection.Models.GetModelAsync(new GetModelRequest { ModelId = modelId }, cancellationToken: cancel);
            var header = new UploadDatasetHeader
            {
                VersionOf = model.DatasetId,
                SchemaJson = rows.SchemaPath is { } schema ? await File.ReadAllTextAsync(schema, cancel) : "",
                Delimiter = rows.Delimiter ?? "",
            };
            var uploaded = await connection.UploadDatasetAsync(rows.Path!, header, cancellationToken: cancel);
            datasetId = uploaded.Id;
            if (!json) stderr.WriteLine($"uploaded {uploaded.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows as dataset {uploaded.Id}, a version of {model.DatasetId}");
        }
        var request = new StartDriftCheckRequest { ModelId = modelId, DatasetId = datasetId, Epsilon = epsilon, Tolerance = tolerance };
        var check = await connection.RunDriftCheckAsync(request, job =>
        {
            if (!json)
                stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "drift check {0}: epsilon {1:0.###} (delta {2:G3}) reserved in the shared budget; running...",
                    job.Id, job.TargetEpsilon, job.Delta));
        }, cancel);
        if (json) stdout.WriteLine(ProtoJson.Format(check));
        if (check.State != DriftCheckState.Succeeded)
        {
            stderr.WriteLine($"drift check {check.Id} {ProtoNames.Of(check.State)}: {check.Error}");
            return JobWatchDisplay.JobDidNotSucceed;
        }
        if (json) return 0;
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "cost: epsilon {0:0.###} (delta {1:G3}); the lineage's lifetime epsilon is now {2:0.###} (composed, not summed)",
            check.Epsilon, check.Delta, check.LifetimeEpsilonAfter));
        DriftTable.Print(stdout, check.Columns.Select(c => new DriftRow(c.Column, c.Distance == "total_variation" ? "TV" : "KS", c.Observed, c.Lower, c.Upper, c.Status)).ToArray());
        stdout.WriteLine(check.Recommendation);
        return 0;
    }
}
