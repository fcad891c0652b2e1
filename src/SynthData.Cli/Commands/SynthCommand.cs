using System.CommandLine;
using System.Text.Json;
using SynthData.Cli.Options;
using SynthData.Cli.Output;
using SynthData.Core;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Synthesis;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata synth INPUT --out FILE.parquet`: the main job (schema, split, admission, DP training, audit,
/// release decision, synthetic Parquet with governance metadata, model card, HTML report). Exit 0 when
/// released, 3 when the policy denies (the reasons printed, the report still written), 2 on bad input.
/// </summary>
public static class SynthCommand
{
    public const int PolicyDenied = 3;

    public static Command Create()
    {
        var table = new TableInputOptions();
        var training = new TrainingOptions();
        var governance = new LocalGovernanceOptions();
        var rows = new Option<long?>("--rows") { Description = "synthetic rows (default: as many as the source table)" };
        var output = new Option<string>("--out") { Description = "synthetic Parquet file to write", Required = true };
        var report = new Option<string?>("--report") { Description = "folder for the audit report (default: beside --out, FILE.report)" };
        var canaries = new Option<int>("--canaries") { Description = "canaries for the empirical epsilon (0 skips; costs one more training run)", DefaultValueFactory = _ => 100 };
        var approvedBy = new Option<string?>("--approved-by") { Description = "reviewer's name, recorded as approval when the policy requires one" };
        var json = new Option<bool>("--json") { Description = "JSON lines: progress events, then the result" };
        var command = new Command("synth", "The main job: turn a private table into an audited, policy-checked synthetic Parquet file.");
        table.AddTo(command);
        training.AddTo(command);
        governance.AddTo(command);
        foreach (var option in new Option[] { rows, output, report, canaries, approvedBy, json }) command.Add(option);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            var chosen = governance.Policy(parse);
            var config = training.Read(parse, defaultEpsilon: chosen.MaxEpsilonPerRelease);
            var home = SynthDataHome.Open();
            var input = table.Resolve(parse, home.FingerprintKey());
            string outPath = parse.GetRequiredValue(output);
            string full = Path.GetFullPath(outPath);
            string directory = Path.GetDirectoryName(full)!;
            var request = new SynthesisRequest
            {
                Input = input,
                Policy = chosen,
                Training = config,
                Rows = parse.GetValue(rows),
                OutputPath = outPath,
                ReportDirectory = parse.GetValue(report) ?? Path.ChangeExtension(full, ".report"),
                LedgerPath = governance.LedgerPath(parse, home),
                Canaries = parse.GetValue(canaries),
                GenerationSeed = config.Seed,
                Reviewer = parse.GetValue(approvedBy) is { Length: > 0 } name ? new ReviewerApproval(name, DateTimeOffset.UtcNow) : null,
            };
            Directory.CreateDirectory(directory);
            bool asJson = parse.GetValue(json);
            var result = RunProgressDisplay.Run(stdout, stderr, asJson, progress => SynthesisJob.Run(request, progress, cancel));
            if (asJson) stdout.WriteLine(JsonSerializer.Serialize(Summary(result), SynthDataJson.Compact));
            else Print(stdout, result);
            return Task.FromResult(result.Released ? 0 : PolicyDenied);
        }));
        return command;
    }

    static object Summary(SynthesisResult r) => new
    {
        @event = "result", released = r.Released, dataset_id = r.DatasetId, output = r.OutputPath, model = r.ModelPath,
        model_card = r.ModelCardPath, report_html = r.ReportHtml, report_json = r.ReportJson, lifetime_epsilon = r.LifetimeEpsilon,
        admission = r.Admission, release = r.Release, epsilon = r.Metadata?.Privacy.Epsilon ?? r.Audit?.Guarantee?.Epsilon,
        delta = r.Metadata?.Privacy.Delta ?? r.Audit?.Guarantee?.Delta, verdict = r.Audit?.Verdict,
    };

    static void Print(TextWriter stdout, SynthesisResult r)
    {
        stdout.WriteLine(r.Released ? "RELEASED" : $"NOT RELEASED: the policy denied the {(r.Release is null ? "admission" : "release")}");
        foreach (var decision in new[] { r.Admission, r.Release })
            if (decision is not null)
            {
                stdout.WriteLine($"{decision.Stage} ({decision.PolicyId} v{decision.PolicyVersion}): {(decision.Allowed ? "allowed" : "DENIED")}");
                foreach (var reason in decision.Reasons) stdout.WriteLine($"  - {reason}");
            }
        if (r.Audit is { } a)
        {
            stdout.WriteLine($"audit: {a.Verdict}");
            if (a.Guarantee is { } g) stdout.WriteLine($"guarantee: ({g.Epsilon:0.###}, {g.Delta:G3})-DP from the {g.Accountant} accountant; dataset lifetime epsilon {r.LifetimeEpsilon:0.###}");
        }
        if (r.ReportHtml is not null) stdout.WriteLine($"report: {r.ReportHtml}");
        if (r.OutputPath is not null) stdout.WriteLine($"synthetic data: {r.OutputPath} (model card: {r.ModelCardPath})");
    }
}
