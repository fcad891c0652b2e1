using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SynthData.Cli.Options;
using SynthData.Cli.Output;
using SynthData.Cli.Remote;
using SynthData.Core;
using SynthData.Core.Drift;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Synthesis;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata drift MODEL NEW.csv [--epsilon E] [--tolerance T] [--json]`: is the model stale for this new table? A DP
/// check charged to the model's dataset in the local ledger (the new table is recorded as a version of it), its cost
/// printed before it runs; then a line per column with its distance, interval and status, and the recommendation.
/// A check the budget cannot pay for exits 3 and reads nothing.
/// With --server: `synthdata --server URL --api-key KEY drift MODEL_ID NEW.csv [--schema F]` uploads NEW.csv as a version
/// of the model's dataset (or `drift MODEL_ID --dataset-version DS_ID` checks one already uploaded), runs the check as a
/// server job charged to the shared budget, and prints the same table (<see cref="RemoteDrift"/>).
/// </summary>
public static class DriftCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "model artifact (trained with `train` or `synth`); with --server a model id" };
        var table = new Argument<string?>("NEW") { Description = "the new table (CSV or Parquet) with the model's columns", Arity = ArgumentArity.ZeroOrOne };
        var datasetVersion = new Option<string?>("--dataset-version") { Description = "with --server: check this uploaded version of the model's dataset instead of uploading NEW" };
        var schema = new Option<string?>("--schema") { Description = "with --server: schema file (JSON) for uploading NEW, as with upload" };
        var epsilon = new Option<double>("--epsilon") { Description = "epsilon of the check, charged to the model's dataset", DefaultValueFactory = _ => DriftSettings.DefaultEpsilon };
        var tolerance = new Option<double>("--tolerance") { Description = "distance a column may be from the model before it counts as drifted", DefaultValueFactory = _ => new DriftSettings().Tolerance };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter (sniffed when omitted)" };
        var costOnly = new Option<bool>("--cost-only") { Description = "print what the check would cost and stop (reads no row, charges nothing)" };
        var seed = new Option<int>("--seed") { Description = "seed of the public randomness (synthetic sample, intervals)", DefaultValueFactory = _ => 0 };
        var reproducible = new Option<bool>("--reproducible-insecure") { Description = "derive the noise from --seed too (tests only): the result is NOT PRIVATE" };
        var json = new Option<bool>("--json") { Description = "JSON lines: the cost, then the result" };
        var governance = new LocalGovernanceOptions();
        var command = new Command("drift", "Check with differential privacy whether a new table has drifted from what a model generates.")
        {
            model, table, epsilon, tolerance, delimiter, costOnly, seed, reproducible, json, datasetVersion, schema,
        };
        governance.AddTo(command);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            var settings = new DriftSettings { Epsilon = parse.GetValue(epsilon), Tolerance = parse.GetValue(tolerance), Seed = parse.GetValue(seed) };
            settings.Validate();
            bool asJson = parse.GetValue(json);
            string? newTable = parse.GetValue(table);
            if (ServerConnectionOptions.IsRemote(parse))
            {
                ServerConnectionOptions.RejectLocalOnly(parse, [costOnly, seed, reproducible, .. governance.LocalOnly]);
                var version = parse.GetValue(datasetVersion);
                if ((version is null) == (newTable is null))
                    throw new InvalidInputException("Give either NEW (a table to upload as a new version) or --dataset-version DS_ID, not both.");
                var source = new RemoteDrift.NewRows(newTable, version, parse.GetValue(schema), parse.GetValue(delimiter));
                return await RemoteDrift.RunAsync(parse, parse.GetRequiredValue(model), source, settings.Epsilon, settings.Tolerance, asJson, cancel);
            }
            if (parse.GetResult(datasetVersion) is { Implicit: false } || parse.GetResult(schema) is { Implicit: false })
                throw new InvalidInputException("--dataset-version and --schema act on a server: use them with --server (locally the model's own schema reads NEW).");
            if (newTable is null) throw new InvalidInputException("NEW is required: the new table to compare with the model.");
            var policy = governance.Policy(parse);
            var home = SynthDataHome.Open();
            string ledgerPath = governance.LedgerPath(parse, home);
            var accountant = new BestOfAccountants();
            var ledger = PrivacyBudgetLedger.Open(ledgerPath, accountant);
            using var trained = TrainedModel.Load(parse.GetRequiredValue(model));
            string datasetId = trained.Manifest.DatasetId
                ?? throw new ArgumentException("The model was trained outside a ledger and names no dataset to charge: train it with `train` or `synth`.");
            var noise = DriftCheck.NoiseFor(trained, settings, LedgeredDriftCheck.DeltaFor(ledger, datasetId, trained));
            var cost = LedgeredDriftCheck.Cost(ledger, accountant, datasetId, noise, policy.LifetimeEpsilonBudget);
            if (asJson) stdout.WriteLine(JsonSerializer.Serialize(new { @event = "cost", cost }, SynthDataJson.Compact));
            else PrintCost(stdout, cost);
            if (parse.GetValue(costOnly)) return 0;
            if (!cost.WithinBudget)
            {
                await stderr.WriteLineAsync($"refused: the check would bring dataset {datasetId} past its lifetime budget; nothing was read or charged");
                return SynthCommand.PolicyDenied;
            }

            var readOptions = new TableReadOptions { Delimiter = parse.GetValue(delimiter) is { Length: > 0 } d ? d[0] : null };
            TabularData rows;
            using (var reader = TableReaders.Open(newTable, readOptions))
                rows = TableLoader.Load(reader, trained.Manifest.Schema);
            // The new table is a version of the model's dataset: recorded so that training on it later shares the budget.
            DatasetVersions.Open(DatasetVersions.PathBeside(ledgerPath)).Declare(ledger, DatasetFingerprint.Of(rows, home.FingerprintKey()), datasetId);
            var randomness = parse.GetValue(reproducible) ? RunRandomness.Reproducible(settings.Seed) : RunRandomness.Secure();
            var result = LedgeredDriftCheck.Run(ledger, cost, trained, rows, settings, noise, randomness, cancel);
            if (result.Report is not { } report)
            {
                await stderr.WriteLineAsync($"refused: another run used the budget meanwhile; dataset {datasetId} would reach epsilon {result.Cost.LifetimeAfter:0.###}");
                return SynthCommand.PolicyDenied;
            }
            if (asJson) stdout.WriteLine(JsonSerializer.Serialize(new { @event = "result", report, drifted = report.Drifted, retrain_recommended = report.RetrainRecommended, recommendation = report.Recommendation }, SynthDataJson.Compact));
            else PrintReport(stdout, report);
            return 0;
        }));
        return command;
    }

    static void PrintCost(TextWriter stdout, DriftCost cost)
    {
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Format(c, "cost: epsilon {0:0.###} (delta {1:G3}), charged to dataset {2}", cost.CheckEpsilon, cost.Delta, cost.DatasetId));
        stdout.WriteLine(string.Format(c, "  lifetime epsilon {0:0.###} -> {1:0.###} of the budget {2:0.###} (every run composed by the accountant, not summed)",
            cost.LifetimeBefore, cost.LifetimeAfter, cost.LifetimeBudget));
    }

    static void PrintReport(TextWriter stdout, DriftReport report)
    {
        DriftTable.Print(stdout, report.Columns.Select(c => new DriftRow(c.Column, c.Distance == DriftDistanceKind.TotalVariation ? "TV" : "KS",
            c.Observed, c.Lower, c.Upper, c.Status.ToString().ToLowerInvariant())).ToArray());
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "intervals: DP noise and sampling, each at level {0:0.####} (family-wise {1:0.###}); tolerance {2:0.###}",
            report.Settings.FalseAlarmLevel / report.Columns.Count, report.Settings.FalseAlarmLevel, report.Settings.Tolerance));
        stdout.WriteLine(report.Recommendation);
        if (report.Randomness != RandomnessMode.Secure)
            stdout.WriteLine("NOT PRIVATE: replayable noise (--reproducible-insecure); the epsilon above does not hold.");
    }
}
