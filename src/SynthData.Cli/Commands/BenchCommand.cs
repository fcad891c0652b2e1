using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using SynthData.Cli.Bench;
using SynthData.Core;
using SynthData.Core.Generation;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.DpSgd;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular.Encoding;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Cli.Commands;

/// <summary>`synthdata bench ...`: speed and memory figures, printed rather than asserted in tests.</summary>
public static class BenchCommand
{
    /// <remarks>The benches that host a server in-process (generate, server) are added by synthdata-bench (src/SynthData.Bench).</remarks>
    public static Command Create()
    {
        var bench = new Command("bench", "Measure speed and memory.");
        bench.Add(ReadEncode());
        bench.Add(DpOverhead());
        bench.Add(GenerateCoreBenchCommand.Create());
        bench.Add(QualityBenchCommand.Create());
        bench.Add(SegmentBenchCommand.Create());
        return bench;
    }

    /// <summary>Read + parse + DP-fit + encode a table; prints rows/s and the process's peak working set.</summary>
    static Command ReadEncode()
    {
        var input = new Argument<string>("INPUT") { Description = "CSV or Parquet table" };
        var schemaFile = new Option<string?>("--schema") { Description = "schema file (JSON)" };
        var json = new Option<bool>("--json") { Description = "one JSON object instead of text" };
        var command = new Command("read-encode", "Time reading, parsing, DP preprocessing and encoding of a table.") { input, schemaFile, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            var clock = Stopwatch.StartNew();
            using var reader = TableReaders.Open(parse.GetRequiredValue(input));
            var overrides = parse.GetValue(schemaFile) is { } path ? SchemaFile.Load(path) : null;
            var schema = SchemaResolver.Resolve(reader, overrides);
            var data = TableLoader.Load(reader, schema);
            var read = clock.Elapsed.TotalSeconds;
            var (transformer, _) = TableTransformer.Fit(data, new PreprocessingOptions(), new SeededNoiseSource(1));
            var encoded = transformer.Encode(data);
            var total = clock.Elapsed.TotalSeconds;
            double peakMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    rows = data.RowCount, encodedWidth = transformer.Width, floats = encoded.Length,
                    readSeconds = read, readRowsPerSecond = data.RowCount / read,
                    totalSeconds = total, totalRowsPerSecond = data.RowCount / total, peakWorkingSetMib = peakMiB,
                }, SynthDataJson.Options));
                return Task.FromResult(0);
            }
            stdout.WriteLine($"rows: {data.RowCount}, encoded width: {transformer.Width}, floats: {encoded.Length}");
            stdout.WriteLine($"read+parse: {read:F2} s ({data.RowCount / read:F0} rows/s)");
            stdout.WriteLine($"read+parse+fit+encode: {total:F2} s ({data.RowCount / total:F0} rows/s)");
            stdout.WriteLine($"peak working set: {peakMiB:F0} MiB");
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>
    /// Time per training step of the same VAE on the same Poisson batches: non-private, DP-SGD with ghost
    /// clipping, and DP-SGD with the naive one-backward-per-row reference. Prints the ratios.
    /// </summary>
    static Command DpOverhead()
    {
        var input = new Argument<string>("INPUT") { Description = "CSV or Parquet table", DefaultValueFactory = _ => "samples/bank-marketing.csv" };
        var schemaFile = new Option<string?>("--schema") { Description = "schema file (JSON); samples/bank-marketing.schema.json for the default input" };
        var batchSize = new Option<int>("--batch-size") { Description = "expected batch size", DefaultValueFactory = _ => 256 };
        var steps = new Option<int>("--steps") { Description = "timed steps per method (the naive method runs a fifth of them)", DefaultValueFactory = _ => 200 };
        var json = new Option<bool>("--json") { Description = "one JSON object instead of text" };
        var command = new Command("dp-overhead", "Time DP-SGD steps against non-private steps of the same model.") { input, schemaFile, batchSize, steps, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            string path = parse.GetRequiredValue(input);
            string? schemaPath = parse.GetValue(schemaFile)
                                 ?? (path.EndsWith("bank-marketing.csv", StringComparison.Ordinal) ? Path.ChangeExtension(path, ".schema.json") : null);
            using var reader = TableReaders.Open(path);
            var schema = SchemaResolver.Resolve(reader, schemaPath is null ? null : SchemaFile.Load(schemaPath));
            var data = TableLoader.Load(reader, schema);
            var (transformer, _) = TableTransformer.Fit(data, new PreprocessingOptions(), new SeededNoiseSource(1));
            var encoded = transformer.Encode(data);
            int rows = data.RowCount, timed = parse.GetValue(steps);
            double q = Math.Min(1.0, (double)parse.GetValue(batchSize) / rows);
            bool asJson = parse.GetValue(json);
            if (!asJson)
                stdout.WriteLine($"rows {rows}, encoded width {transformer.Width}, expected batch {q * rows:F0}, torch threads {TorchSharp.torch.get_num_threads()}");

            double MillisecondsPerStep(bool isPrivate, bool naive, int count)
            {
                using var model = new TabularVae(transformer.Layout, new VaeOptions(), seed: 1);
                var options = new DpSgdOptions { SamplingRate = q, Steps = 10, NoiseMultiplier = 1.0, Private = isPrivate, Clipping = naive ? ClippingStrategy.Naive : ClippingStrategy.Ghost };
                DpSgdTrainer.Train(model, encoded, rows, options, RunRandomness.Reproducible(3)); // warm-up
                var clock = Stopwatch.StartNew();
                DpSgdTrainer.Train(model, encoded, rows, options with { Steps = count }, RunRandomness.Secure());
                return clock.Elapsed.TotalMilliseconds / count;
            }

            double plain = MillisecondsPerStep(false, false, timed);
            double ghost = MillisecondsPerStep(true, false, timed);
            double naive = MillisecondsPerStep(true, true, Math.Max(1, timed / 5));
            if (asJson)
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    rows, encodedWidth = transformer.Width, expectedBatch = q * rows, torchThreads = TorchSharp.torch.get_num_threads(),
                    nonPrivateMsPerStep = plain, ghostMsPerStep = ghost, naiveMsPerStep = naive, ghostRatio = ghost / plain, naiveRatio = naive / plain,
                }, SynthDataJson.Options));
                return Task.FromResult(0);
            }
            stdout.WriteLine($"non-private:            {plain,8:F2} ms/step");
            stdout.WriteLine($"DP-SGD, ghost clipping: {ghost,8:F2} ms/step   ratio {ghost / plain:F2}");
            stdout.WriteLine($"DP-SGD, naive per-row:  {naive,8:F2} ms/step   ratio {naive / plain:F2}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
