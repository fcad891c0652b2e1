using System.CommandLine;
using System.Globalization;
using SynthData.Api.V1;
using SynthData.Cli.Options;

namespace SynthData.Cli.Remote;

/// <summary>`audit` with --server: RunAudit on the server, the report saved as report.json and report.html, the verdict and the release decision.</summary>
public static class RemoteAudit
{
    public static async Task<int> RunAsync(ParseResult parse, string modelId, int canaries, int seed, string outputFolder, bool json, CancellationToken cancel)
    {
        using var connection = ServerConnectionOptions.Connect(parse, "audit");
        if (!json)
            Console.Error.WriteLine(canaries > 0
                ? $"auditing {modelId} on the server with {canaries} canaries (a second training run, charged to the dataset's budget)..."
                : $"auditing {modelId} on the server...");
        var report = await connection.Audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId, Canaries = canaries, Seed = seed }, cancellationToken: cancel);

        Directory.CreateDirectory(outputFolder);
        string jsonPath = Path.Combine(outputFolder, "report.json"), htmlPath = Path.Combine(outputFolder, "report.html");
        await File.WriteAllTextAsync(jsonPath, report.ReportJson, cancel);
        await File.WriteAllTextAsync(htmlPath, report.ReportHtml, cancel);
        if (json)
        {
            Console.WriteLine(report.ReportJson);
            return 0;
        }
        Console.WriteLine($"verdict: {report.Verdict}");
        if (report.Guarantee is { } g)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "guarantee: ({0:0.###}, {1:G3})-DP from the {2} accountant", g.Epsilon, g.Delta, g.Accountant));
        if (report.Summary.Length > 0) Console.WriteLine(report.Summary);
        ReleaseDecisionText.Print(report.ReleaseDecision);
        Console.WriteLine($"report: {htmlPath} (JSON: {jsonPath})");
        return 0;
    }
}
