using System.CommandLine;
using System.Text.Json;
using SynthData.Cli.Options;
using SynthData.Cli.Output;
using SynthData.Cli.Remote;
using SynthData.Core;
using SynthData.Core.Model;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Synthesis;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata train INPUT --epsilon E --out MODEL`: split, DP preprocessing, DP-SGD training of the VAE,
/// and the model artifact. Prints the guarantee (RDP and tight) and where the model went.
/// With --server: `synthdata --server URL --api-key KEY train DATASET_ID --epsilon E [--watch]` queues the job on
/// the server (admission by the dataset's policy happens there), prints the job id and, with --watch, follows it.
/// Locally a private run is admitted by the policy (--policy, `default` when omitted) against the installation's ledger
/// ($SYNTHDATA_HOME/ledger.db or --ledger), keyed by the table's content fingerprint: a refusal exits 3.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var table = new TableInputOptions();
        var training = new TrainingOptions();
        var governance = new LocalGovernanceOptions();
        // Required locally only; checked in the action so that a server call, which has no --out, parses.
        var output = new Option<string>("--out") { Description = "model artifact to write (local training)" };
        var json = new Option<bool>("--json") { Description = "JSON lines: progress events, then the result" };
        var versionOf = new Option<string?>("--version-of")
        {
            Description = "this table is a new version of a dataset (its ds_ id, or a model trained on it): it shares that dataset's lifetime budget",
        };
        var watch = new Option<bool>("--watch") { Description = "with --server: follow the job until it ends (exit 1 when it fails)" };
        var command = new Command("train", "Train a differentially private generator (a tabular VAE with DP-SGD) on a table.");
        table.Input.Description = "CSV or Parquet table (with --server: a dataset id from upload)";
        table.AddTo(command);
        training.AddTo(command);
        governance.AddTo(command);
        command.Add(output);
        command.Add(json);
        command.Add(watch);
        command.Add(versionOf);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            if (ServerConnectionOptions.IsRemote(parse))
            {
                ServerConnectionOptions.RejectLocalOnly(parse, [output, table.Schema, table.Delimiter, versionOf, .. governance.LocalOnly]);
                return await RemoteTraining.StartAsync(parse, training.ToStartTrainingRequest(parse, parse.GetRequiredValue(table.Input)),
                    parse.GetValue(watch), parse.GetValue(json), cancel);
            }
            if (parse.GetValue(watch)) throw new InvalidInputException("--watch follows a server job: use it with --server.");
            if (parse.GetValue(output) is null) throw new InvalidInputException("--out MODEL is required: where to write the model artifact.");
            var config = training.Read(parse);
            var policy = governance.Policy(parse);
            var home = SynthDataHome.Open();
            var input = table.Resolve(parse, home.FingerprintKey());
            string ledgerPath = governance.LedgerPath(parse, home);
            var ledger = PrivacyBudgetLedger.Open(ledgerPath, new BestOfAccountants());
            var versions = DatasetVersions.Open(DatasetVersions.PathBeside(ledgerPath));
            string? parent = DatasetReference.Resolve(parse.GetValue(versionOf));
            var run = LedgeredTraining.Admit(input, config, policy, ledger, fingerprint => versions.DatasetIdFor(ledger, fingerprint, parent));
            if (!run.Allowed)
            {
                // The same refusal and exit code as `synth`: nothing was trained and nothing was spent.
                await stderr.WriteLineAsync($"refused: the policy {policy.Id} v{policy.Version} does not admit this run on dataset {run.DatasetId}");
                foreach (var reason in run.Admission.Reasons) await stderr.WriteLineAsync($"  - {reason}");
                return SynthCommand.PolicyDenied;
            }
            bool asJson = parse.GetValue(json);
            using var model = RunProgressDisplay.Run(stdout, stderr, asJson, progress =>
                LedgeredTraining.Train(run, ledger, input, config, parse.GetRequiredValue(output), progress, cancel));
            var summary = TrainingSummary.Of(model, parse.GetRequiredValue(output), ledger.LifetimeEpsilon(run.DatasetId, run.Plan.Delta));
            if (asJson) stdout.WriteLine(JsonSerializer.Serialize(summary, SynthDataJson.Compact));
            else summary.Print(stdout);
            return 0;
        }));
        return command;
    }
}

/// <summary>The figures of a finished training run (no data values).</summary>
public sealed record TrainingSummary
{
    public required string Event { get; init; }
    public required string Model { get; init; }
    public required string ModelId { get; init; }
    public required string ArtifactSha256 { get; init; }
    public required string? DatasetId { get; init; }
    public required double LifetimeEpsilon { get; init; }
    public required bool Private { get; init; }
    public required double? Epsilon { get; init; }
    public required double Delta { get; init; }
    public required string? Accountant { get; init; }
    public required double? RdpEpsilon { get; init; }
    public required double? TightEpsilon { get; init; }
    public required double? TightErrorBound { get; init; }
    public required double NoiseMultiplier { get; init; }
    public required double SamplingRate { get; init; }
    public required long Steps { get; init; }
    public required int TrainingRows { get; init; }
    public required int HoldoutRows { get; init; }
    public required double TrainingSeconds { get; init; }
    public required double FinalMeanLoss { get; init; }
    public required string Randomness { get; init; }

    public static TrainingSummary Of(TrainedModel model, string path, double lifetimeEpsilon)
    {
        var m = model.Manifest;
        var g = m.Guarantee;
        return new TrainingSummary
        {
            Event = "result",
            Model = path,
            ModelId = model.Id,
            ArtifactSha256 = model.ArtifactSha256,
            DatasetId = m.DatasetId,
            LifetimeEpsilon = lifetimeEpsilon,
            Private = m.Private,
            Epsilon = g?.Best.Epsilon,
            Delta = m.Plan.Delta,
            Accountant = g?.Best.Accountant,
            RdpEpsilon = g?.Rdp.Epsilon,
            TightEpsilon = g?.Tight.Epsilon,
            TightErrorBound = g?.Tight.EpsilonError,
            NoiseMultiplier = m.Plan.NoiseMultiplier,
            SamplingRate = m.Plan.SamplingRate,
            Steps = m.StepsTaken,
            TrainingRows = m.TrainingRows,
            HoldoutRows = m.HoldoutRows,
            TrainingSeconds = m.TrainingSeconds,
            FinalMeanLoss = m.FinalMeanLoss,
            Randomness = RandomnessLabel.Of(m.Randomness),
        };
    }

    public void Print(TextWriter stdout)
    {
        stdout.WriteLine($"model: {Model} ({ModelId})");
        stdout.WriteLine($"trained on {TrainingRows} rows ({HoldoutRows} held out for audits) in {TrainingSeconds:F1} s, {Steps} steps, final loss {FinalMeanLoss:F3}");
        if (!Private)
        {
            stdout.WriteLine("NO PRIVACY: this model was trained without differential privacy. It is a baseline; never release it.");
            return;
        }
        stdout.WriteLine($"guarantee: ({Epsilon:F3}, {Delta:G3})-differential privacy, from the {Accountant} accountant");
        stdout.WriteLine($"  RDP epsilon {RdpEpsilon:F3}; tight (PLD) epsilon {TightEpsilon:F3} with error bound {TightErrorBound:G2}");
        stdout.WriteLine($"  noise multiplier {NoiseMultiplier:G5}, sampling rate {SamplingRate:G4}; covers preprocessing and every training step");
        stdout.WriteLine($"dataset {DatasetId}: lifetime epsilon {LifetimeEpsilon:F3} (every run on this table in the ledger, composed)");
        if (Randomness != RandomnessLabel.Of(RandomnessMode.Secure))
            stdout.WriteLine("NOT PRIVATE: replayable randomness (--reproducible-insecure). Anyone with the seed can replay this run; " +
                "the figures above hold only for secret randomness, and no policy releases this model.");
    }
}
