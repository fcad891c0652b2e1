using System.CommandLine;
using System.Text.Json;
using SynthData.Cli.Options;
using SynthData.Cli.Output;
using SynthData.Core;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata train INPUT --epsilon E --out MODEL`: split, DP preprocessing, DP-SGD training of the VAE,
/// and the model artifact. Prints the guarantee (RDP and tight) and where the model went.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var table = new TableInputOptions();
        var training = new TrainingOptions();
        var output = new Option<string>("--out") { Description = "model artifact to write", Required = true };
        var json = new Option<bool>("--json") { Description = "JSON lines: progress events, then the result" };
        var command = new Command("train", "Train a differentially private generator (a tabular VAE with DP-SGD) on a table.");
        table.AddTo(command);
        training.AddTo(command);
        command.Add(output);
        command.Add(json);
        command.SetAction((parse, cancel) => CliErrors.Run(() =>
        {
            var config = training.Read(parse);
            var input = table.Resolve(parse);
            bool asJson = parse.GetValue(json);
            using var model = RunProgressDisplay.Run(asJson, progress =>
                TrainingPipeline.Run(input, config, parse.GetRequiredValue(output), progress, cancel));
            var summary = TrainingSummary.Of(model, parse.GetRequiredValue(output));
            if (asJson) Console.WriteLine(JsonSerializer.Serialize(summary, SynthDataJson.Compact));
            else summary.Print();
            return Task.FromResult(0);
        }));
        return command;
    }
}

/// <summary>The figures of a finished training run (no data values).</summary>
public sealed record TrainingSummary(
    string Event, string Model, string ModelId, string ArtifactSha256, bool Private, double? Epsilon, double Delta,
    string? Accountant, double? RdpEpsilon, double? TightEpsilon, double? TightErrorBound,
    double NoiseMultiplier, double SamplingRate, long Steps, int TrainingRows, int HoldoutRows, double TrainingSeconds, double FinalMeanLoss)
{
    public static TrainingSummary Of(TrainedModel model, string path)
    {
        var m = model.Manifest;
        var g = m.Guarantee;
        return new TrainingSummary("result", path, model.Id, model.ArtifactSha256, m.Private, g?.Best.Epsilon, m.Plan.Delta,
            g?.Best.Accountant, g?.Rdp.Epsilon, g?.Tight.Epsilon, g?.Tight.EpsilonError,
            m.Plan.NoiseMultiplier, m.Plan.SamplingRate, m.StepsTaken, m.TrainingRows, m.HoldoutRows, m.TrainingSeconds, m.FinalMeanLoss);
    }

    public void Print()
    {
        Console.WriteLine($"model: {Model} ({ModelId})");
        Console.WriteLine($"trained on {TrainingRows} rows ({HoldoutRows} held out for audits) in {TrainingSeconds:F1} s, {Steps} steps, final loss {FinalMeanLoss:F3}");
        if (!Private)
        {
            Console.WriteLine("NO PRIVACY: this model was trained without differential privacy. It is a baseline; never release it.");
            return;
        }
        Console.WriteLine($"guarantee: ({Epsilon:F3}, {Delta:G3})-differential privacy, from the {Accountant} accountant");
        Console.WriteLine($"  RDP epsilon {RdpEpsilon:F3}; tight (PLD) epsilon {TightEpsilon:F3} with error bound {TightErrorBound:G2}");
        Console.WriteLine($"  noise multiplier {NoiseMultiplier:G5}, sampling rate {SamplingRate:G4}; covers preprocessing and every training step");
    }
}
