using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Evaluation;
using SynthData.Core.Generation;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Cli.Commands;

/// <summary>
/// `bench quality`: a grid of table sizes by epsilon, each trained with secure randomness exactly as a user's run
/// is, scored against its training rows (shape, pair trends, the weakest column) and, with --target, by train-on-
/// synthetic-test-on-real AUC on the holdout training never saw, beside the real-trained AUC. A quality benchmark,
/// not a test: its figures move from run to run with the secret randomness.
/// </summary>
public static class QualityBenchCommand
{
    /// <summary>One cell of the grid.</summary>
    public sealed record QualityBenchRow
    {
        public required string Table { get; init; }
        public required int Rows { get; init; }
        public required string Epsilon { get; init; }
        /// <summary>"none" (the default decoding: the model's scores as they are) or "dp-quantiles".</summary>
        public required string Calibration { get; init; }
        public required double Shape { get; init; }
        public required double Pairs { get; init; }
        public required string WeakestColumn { get; init; }
        public required double WeakestShape { get; init; }
        public double? SyntheticTrainedAuc { get; init; }
        public double? RealTrainedAuc { get; init; }
        public required double TrainingSeconds { get; init; }
        public required IReadOnlyList<string> QualityWarnings { get; init; }
    }

    public static Command Create()
    {
        var input = new Argument<string>("INPUT") { Description = "CSV table", DefaultValueFactory = _ => "samples/bank-marketing.csv" };
        var schemaFile = new Option<string?>("--schema") { Description = "schema file (JSON); none infers the schema, as a user without one would" };
        var rows = new Option<string>("--rows") { Description = "comma-separated subsample sizes (all: the whole table)", DefaultValueFactory = _ => "1000,4000" };
        var epsilons = new Option<string>("--epsilon") { Description = "comma-separated epsilons; 'none' trains without privacy", DefaultValueFactory = _ => "1,3,10,none" };
        var target = new Option<string?>("--target") { Description = "categorical column for TSTR AUC (e.g. y)" };
        var positive = new Option<string?>("--positive") { Description = "its positive label (e.g. yes)" };
        var epochs = new Option<double>("--epochs") { Description = "training epochs", DefaultValueFactory = _ => new TrainingConfiguration().Epochs };
        var seed = new Option<int>("--seed") { Description = "public randomness: the evaluation sample", DefaultValueFactory = _ => 1 };
        var share = new Option<double?>("--preprocessing-share") { Description = "share of epsilon for DP preprocessing (default: the training default)" };
        var calibration = new Option<string>("--calibration")
        {
            Description = "decode as the model does (none), with the DP-quantile calibration (dp), or score one model both ways (both)",
            DefaultValueFactory = _ => "none",
        };
        calibration.AcceptOnlyFromAmong("dp", "none", "both");
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("quality", "Quality by table size and epsilon (secure randomness, scored on a holdout training never saw).")
            { input, schemaFile, rows, epsilons, target, positive, epochs, seed, share, calibration, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            string path = parse.GetRequiredValue(input);
            var overrides = parse.GetValue(schemaFile) is { } schemaPath ? SchemaFile.Load(schemaPath) : null;
            string? targetColumn = parse.GetValue(target), positiveLabel = parse.GetValue(positive);
            if ((targetColumn is null) != (positiveLabel is null)) throw new InvalidInputException("--target and --positive go together.");
            var results = new List<QualityBenchRow>();
            using var scratch = new ScratchFolder();
            foreach (string size in Split(parse.GetValue(rows)!))
                foreach (string epsilon in Split(parse.GetValue(epsilons)!))
                {
                    string table = size == "all" ? path : Subsample(path, int.Parse(size, CultureInfo.InvariantCulture), scratch);
                    var modes = parse.GetValue(calibration) switch
                    {
                        "dp" => new[] { MarginalCalibration.DpQuantiles },
                        "both" => [MarginalCalibration.None, MarginalCalibration.DpQuantiles],
                        _ => [MarginalCalibration.None],
                    };
                    foreach (var row in RunOne(table, Path.GetFileName(path), overrides, epsilon, parse.GetValue(epochs), parse.GetValue(share), targetColumn,
                                 positiveLabel, parse.GetValue(seed), modes, scratch))
                    {
                        results.Add(row);
                        if (!parse.GetValue(json)) Print(stdout, row, first: results.Count == 1);
                    }
                }
            if (parse.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(results, SynthDataJson.Options));
            return Task.FromResult(0);
        }));
        return command;
    }

    static IEnumerable<QualityBenchRow> RunOne(string table, string name, SchemaOverrides? overrides, string epsilon, double epochs, double? share, string? target,
        string? positive, int seed, IReadOnlyList<MarginalCalibration> calibrations, ScratchFolder scratch)
    {
        bool none = epsilon == "none";
        var config = new TrainingConfiguration
        {
            Epsilon = none ? null : double.Parse(epsilon, CultureInfo.InvariantCulture),
            NoPrivacy = none,
            Epochs = epochs,
            Randomness = RandomnessMode.Secure,
        };
        if (share is { } s) config = config with { PreprocessingEpsilonShare = s };
        // A throwaway fingerprint key: this run's artifacts live in a scratch folder and join no ledger.
        byte[] fingerprintKey = RandomNumberGenerator.GetBytes(32);
        using var reader = TableReaders.Open(table);
        var schema = SchemaResolver.Resolve(reader, overrides);
        using var model = TrainingPipeline.Run(new TrainingInput(table, schema, fingerprintKey), config, scratch.File($"m{Guid.NewGuid():N}.model"));
        var source = SourceTable.ForModel(table, model, fingerprintKey);
        var rows = new List<QualityBenchRow>();
        foreach (var calibration in calibrations)
        {
            var evaluation = ModelEvaluation.Run(model, source, seed, target, positive, includeBaseline: false, calibration).Single();
            var weakest = evaluation.Quality.ColumnShapes.MinBy(c => c.Score)!;
            var sample = new SyntheticTableGenerator(model, calibration: calibration).Generate(source.Members.RowCount, DerivedSeed.For(seed, "marginal-check"), source.Members.RowCount).Single();
            rows.Add(new QualityBenchRow
            {
                Table = name, Rows = source.All.RowCount, Epsilon = epsilon,
                Calibration = calibration == MarginalCalibration.DpQuantiles ? "dp-quantiles" : "none",
                Shape = evaluation.Quality.ShapeScore, Pairs = evaluation.Quality.PairTrendScore,
                WeakestColumn = weakest.Column, WeakestShape = weakest.Score,
                SyntheticTrainedAuc = evaluation.Efficacy?.SyntheticTrainedAuc, RealTrainedAuc = evaluation.Efficacy?.RealTrainedAuc,
                TrainingSeconds = model.Manifest.TrainingSeconds,
                QualityWarnings = DpMarginalCheck.Run(model, sample).Select(w => w.Column).ToArray(),
            });
        }
        return rows;
    }

    /// <summary>
    /// A uniform subsample of the CSV's data lines, header kept; for tables without quoted line breaks. The draw decides
    /// what is trained on, so it comes from the cryptographic generator like a real run's split.
    /// </summary>
    static string Subsample(string path, int rows, ScratchFolder scratch)
    {
        var lines = File.ReadAllLines(path);
        if (rows >= lines.Length - 1) return path;
        var chosen = Enumerable.Range(1, lines.Length - 1).ToArray();
        RandomNumberGenerator.Shuffle(chosen.AsSpan());
        string file = scratch.File($"{Path.GetFileNameWithoutExtension(path)}-{rows}.csv");
        File.WriteAllLines(file, new[] { lines[0] }.Concat(chosen.Take(rows).Order().Select(i => lines[i])));
        return file;
    }

    static IEnumerable<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static void Print(TextWriter stdout, QualityBenchRow r, bool first)
    {
        var c = CultureInfo.InvariantCulture;
        if (first)
            stdout.WriteLine($"{"table",-24} {"rows",7} {"epsilon",7} {"calib",5} {"shape",6} {"pairs",6} {"weakest column",-22} {"TSTR",6} {"real",6} {"train s",8}  quality warnings");
        stdout.WriteLine(string.Format(c, "{0,-24} {1,7:N0} {2,7} {10,5} {3,6:0.000} {4,6:0.000} {5,-22} {6,6} {7,6} {8,8:0.0}  {9}",
            r.Table, r.Rows, r.Epsilon, r.Shape, r.Pairs, $"{r.WeakestColumn} {r.WeakestShape.ToString("0.000", c)}",
            r.SyntheticTrainedAuc?.ToString("0.000", c) ?? "-", r.RealTrainedAuc?.ToString("0.000", c) ?? "-", r.TrainingSeconds,
            r.QualityWarnings.Count == 0 ? "-" : string.Join(", ", r.QualityWarnings), r.Calibration == "none" ? "none" : "dp"));
    }

    /// <summary>A private temporary folder for subsamples and model artifacts, removed at the end.</summary>
    sealed class ScratchFolder : IDisposable
    {
        readonly string _path = Directory.CreateTempSubdirectory("synthdata-bench-quality-").FullName;
        public string File(string name) => Path.Combine(_path, name);
        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
