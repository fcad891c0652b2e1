using System.CommandLine;
using System.Globalization;
using SynthData.Core;
using SynthData.Core.Audits;
using SynthData.Core.Model;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata audit MODEL --data INPUT`: membership inference, leakage and (with --canaries) the
/// one-run empirical epsilon; writes report.json and report.html. Exit code 0 when the audit ran:
/// the verdict is in the output, not the exit code. With --server, `audit MODEL_ID` runs the audit on the server
/// (against the rows it holds), writes the same two files and prints the verdict and the release decision.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var modelSource = new ModelSourceOptions();
        var canaries = new Option<int>("--canaries") { Description = "canaries for the one-run empirical epsilon (0 skips; costs one more training run)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "folder for report.json and report.html", DefaultValueFactory = _ => "audit-report" };
        var seed = new Option<int>("--seed") { Description = "audit seed", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "print the JSON report" };
        var command = new Command("audit", "Audit a model for membership leakage and replayed values.") { canaries, output, seed, json };
        modelSource.AddTo(command);
        modelSource.Model.Description = "model artifact (with --server: a model id)";
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            if (parse.GetValue(canaries) < 0) throw new InvalidInputException("--canaries cannot be negative.");
            if (ServerConnectionOptions.IsRemote(parse))
            {
                ServerConnectionOptions.RejectLocalOnly(parse, modelSource.LocalOnly);
                return RemoteAudit.RunAsync(parse, parse.GetRequiredValue(modelSource.Model), parse.GetValue(canaries), parse.GetValue(seed),
                    parse.GetRequiredValue(output), parse.GetValue(json), cancel);
            }
            var (model, source) = modelSource.Load(parse);
            using var _ = model;
            var result = ModelAudit.Run(model, source, new ModelAuditOptions { Canaries = parse.GetValue(canaries), Seed = parse.GetValue(seed) });
            var (jsonPath, htmlPath) = ModelAudit.Write(result, source, parse.GetRequiredValue(output));
            if (parse.GetValue(json))
            {
                stdout.WriteLine(result.Report.ToJson());
                return Task.FromResult(0);
            }
            Print(stdout, result, model);
            stdout.WriteLine($"report: {htmlPath} (JSON: {jsonPath})");
            return Task.FromResult(0);
        }));
        return command;
    }

    static void Print(TextWriter stdout, ModelAuditResult result, TrainedModel model)
    {
        var r = result.Report;
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(r.Verdict);
        stdout.WriteLine(r.Guarantee is { } g
            ? string.Format(c, "guarantee: ({0:0.###}, {1:G3})-DP from the {2} accountant", g.Epsilon, g.Delta, g.Accountant)
            : "guarantee: NONE (trained without differential privacy)");
        foreach (var a in r.Attacks)
            stdout.WriteLine(string.Format(c, "  {0,-20} AUC {1:0.000} [{2:0.000}, {3:0.000}]  TPR@1%FPR {4:0.000} [{5:0.000}, {6:0.000}]  TPR@0.1%FPR {7:0.000}",
                a.Name, a.Auc, a.AucInterval95.Lower, a.AucInterval95.Upper, a.TprAt1PctFpr, a.TprAt1PctInterval.Lower, a.TprAt1PctInterval.Upper, a.TprAt01PctFpr));
        var l = r.Leakage;
        stdout.WriteLine(string.Format(c, "  exact copies: {0:0.0000} of synthetic rows copy a training row, {1:0.0000} a holdout row", l.ExactCopiesOfTraining.Share, l.ExactCopiesOfHoldout.Share));
        stdout.WriteLine(string.Format(c, "  DCR share (closer to training than holdout): {0:0.000} [{1:0.000}, {2:0.000}]", l.DcrCloserToTraining.Share, l.DcrCloserToTraining.Lower, l.DcrCloserToTraining.Upper));
        stdout.WriteLine(string.Format(c, "  identifier/PII cells replayed: {0}; rare categories replayed: {1}", l.ReplayedIdentifierOrPiiCells, l.ReplayedRareCategories));
        if (r.Canary is { } k)
            stdout.WriteLine(string.Format(c, "  canary audit: {0} canaries, {1} guesses, {2} correct, empirical epsilon >= {3:0.###} at {4:P0} confidence",
                k.Canaries, k.Guesses, k.Correct, k.EmpiricalEpsilonLowerBound, k.Confidence));
        foreach (var flag in r.Flags) stdout.WriteLine($"  ! {flag}");
        foreach (var w in r.QualityWarnings)
            stdout.WriteLine(string.Format(c, "  ! quality: {0} is off its own DP quantiles by {1:0.000} in cumulative probability (the noise explains {2:0.000})",
                w.Column, w.Deviation, w.Allowed));
        if (!model.Manifest.Private) stdout.WriteLine("  ! this model has NO privacy guarantee: never release it");
    }
}
