using System.CommandLine;
using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Evaluation;
using SynthData.Cli.Options;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata evaluate MODEL --data INPUT`: quality (shape, pair trends, overall) of a synthetic sample
/// against the training rows, train-synthetic-test-real efficacy on the holdout, and the
/// independent-marginals baseline beside it. Figures are diagnostics for the data owner, computed
/// from private rows without noise: not covered by the guarantee, so not for release.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var modelSource = new ModelSourceOptions();
        var seed = new Option<int>("--seed") { Description = "sampling seed", DefaultValueFactory = _ => 0 };
        var target = new Option<string?>("--target") { Description = "categorical column for the efficacy test (e.g. y)" };
        var positive = new Option<string?>("--positive") { Description = "its positive label (e.g. yes)" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var details = new Option<bool>("--details") { Description = "also print every column's shape score and the ten weakest pairs" };
        var command = new Command("evaluate", "Score a model's synthetic data against its training table.") { seed, target, positive, json, details };
        modelSource.AddTo(command);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            if ((parse.GetValue(target) is null) != (parse.GetValue(positive) is null))
                throw new InvalidInputException("--target and --positive go together.");
            var (model, source) = modelSource.Load(parse);
            using var _ = model;
            var results = ModelEvaluation.Run(model, source, parse.GetValue(seed), parse.GetValue(target), parse.GetValue(positive));
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(results.Select(r => new
                {
                    r.Generator, r.Quality.ShapeScore, r.Quality.PairTrendScore, r.Quality.Overall,
                    efficacy_auc = r.Efficacy?.SyntheticTrainedAuc, real_trained_auc = r.Efficacy?.RealTrainedAuc,
                }), SynthDataJson.Options));
                return Task.FromResult(0);
            }
            stdout.WriteLine("Diagnostics for the data owner (computed from private rows, not covered by the privacy guarantee):");
            stdout.WriteLine($"{"generator",-22} {"shape",7} {"pairs",7} {"overall",8} {"TSTR AUC",9} {"real AUC",9}");
            foreach (var r in results)
                stdout.WriteLine($"{r.Generator,-22} {r.Quality.ShapeScore,7:F3} {r.Quality.PairTrendScore,7:F3} {r.Quality.Overall,8:F3} " +
                                  $"{(r.Efficacy is { } e ? e.SyntheticTrainedAuc.ToString("F3") : "-"),9} {(r.Efficacy is { } f ? f.RealTrainedAuc.ToString("F3") : "-"),9}");
            if (parse.GetValue(details))
                foreach (var r in results)
                {
                    stdout.WriteLine($"{r.Generator}: column shapes");
                    foreach (var c in r.Quality.ColumnShapes) stdout.WriteLine($"  {c.Column,-16} {c.Metric,-13} {c.Score:F3}");
                    stdout.WriteLine($"{r.Generator}: weakest pairs");
                    foreach (var p in r.Quality.PairTrends.OrderBy(p => p.Score).Take(10))
                        stdout.WriteLine($"  {p.FirstColumn,-14} {p.SecondColumn,-14} {p.Metric,-22} {p.Score:F3}");
                }
            return Task.FromResult(0);
        }));
        return command;
    }
}
