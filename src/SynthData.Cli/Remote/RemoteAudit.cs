using SynthData.Cli.Output;
using System.CommandLine;
using System.Globalization;
using SynthData.Api.V1;
using SynthData.Cli.Options;

namespace SynthData.Cli.Remote;

/// <summary>
/// `audit` with --server: RunAudit queues an audit job, followed like training (Ctrl+C leaves it running; `synthdata
/// watch JOB_ID` follows it again); once it succeeds, the report is saved as report.json and report.html (streamed)
/// and the verdict and the release decision are printed. Exit 1 when the audit job failed or was cancelled.
/// </summary>
public static class RemoteAudit
{
    public static async Task<int> RunAsync(ParseResult parse, string modelId, int canaries, int seed, string outputFolder, bool json, CancellationToken cancel)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        using var connection = ServerConnectionOptions.Connect(parse, "audit");
        var job = await connection.Audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId, Canaries = canaries, Seed = seed }, cancellationToken: cancel);
        if (!json)
            stderr.WriteLine(canaries > 0
                ? $"auditing {modelId} on the server with {canaries} canaries (job {job.Id}; the canary run reads no private row and costs no epsilon)..."
                : $"auditing {modelId} on the server (job {job.Id})...");
        int watched = await JobWatchDisplay.FollowAsync(connection, stdout, stderr, job.Id, json: false, cancel, quiet: json);
        if (watched != 0) return watched;

        var report = await connection.Audits.GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId }, cancellationToken: cancel);
        Directory.CreateDirectory(outputFolder);
        string jsonPath = Path.Combine(outputFolder, "report.json"), htmlPath = Path.Combine(outputFolder, "report.html");
        await File.WriteAllTextAsync(jsonPath, report.ReportJson, cancel);
        await using (var html = new FileStream(htmlPath, FileMode.Create, FileAccess.Write))
            await connection.DownloadAuditReportHtmlAsync(modelId, html, cancel);
        if (json)
        {
            stdout.WriteLine(report.ReportJson);
            return 0;
        }
        stdout.WriteLine($"verdict: {ProtoNames.Of(report.Verdict)}; release state: {ProtoNames.Of(report.ReleaseState)}");
        if (report.Guarantee is { } g)
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "guarantee: ({0:0.###}, {1:G3})-DP from the {2} accountant", g.Epsilon, g.Delta, g.Accountant));
        if (report.Summary.Length > 0) stdout.WriteLine(report.Summary);
        ReleaseDecisionText.Print(stdout, report.ReleaseDecision);
        stdout.WriteLine($"report: {htmlPath} (JSON: {jsonPath})");
        return 0;
    }
}
