using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SynthData.Cli.Bench;
using SynthData.Core;
using SynthData.Core.Generation;
using SynthData.Core.Model;
using SynthData.Core.Tabular.Io;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata bench generate-core`: core generation (sample, decode, Parquet) into a stream that counts and drops the
/// bytes: rows/s, MB/s, busy time per stage, and resident memory after 10%, 50% and 100% of the rows, so memory that
/// grows with the row count shows.
/// </summary>
public static class GenerateCoreBenchCommand
{
    /// <summary>Resident memory once a share of the rows is written.</summary>
    sealed record Checkpoint(long Rows, double Fraction, long? ResidentBytes, long? PeakResidentBytes);

    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "model artifact" };
        var rows = new Option<long>("--rows") { Description = "number of synthetic rows", DefaultValueFactory = _ => 1_000_000 };
        var chunkRows = new Option<int>("--chunk-rows") { Description = "rows per chunk (Parquet row group)", DefaultValueFactory = _ => SyntheticTableGenerator.DefaultChunkRows };
        var seed = new Option<int>("--seed") { Description = "sampling seed", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "one JSON object instead of text" };
        var command = new Command("generate-core", "Time generation to Parquet without disk or network.") { modelPath, rows, chunkRows, seed, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            long count = parse.GetValue(rows);
            int chunk = parse.GetValue(chunkRows);
            if (count < 1 || chunk < 1) throw new InvalidInputException("--rows and --chunk-rows must be at least 1.");
            var (startResident, startPeak) = (ProcessMemory.ResidentBytes(), ProcessMemory.PeakResidentBytes());
            using var model = TrainedModel.Load(parse.GetRequiredValue(modelPath));
            var generator = new SyntheticTableGenerator(model);
            var output = new CountingDiscardStream();
            var timings = new GenerationTimings();
            var targets = new[] { 0.1, 0.5, 1.0 }.Select(f => (Rows: Math.Max(1, (long)Math.Ceiling(f * count)), Fraction: f)).ToArray();
            var memory = new List<Checkpoint>();
            void Progress(long written)
            {
                for (int next = memory.Count; next < targets.Length && written >= targets[next].Rows; next++)
                    memory.Add(new Checkpoint(written, targets[next].Fraction, ProcessMemory.ResidentBytes(), ProcessMemory.PeakResidentBytes()));
            }

            bool asJson = parse.GetValue(json);
            int columns = generator.Schema.Columns.Count, width = model.Transformer.Width, threads = TorchSharp.torch.get_num_threads();
            if (!asJson)
                stdout.WriteLine($"model: {columns} columns, encoded width {width}; " +
                                 $"{count:N0} rows in chunks of {chunk:N0}; torch threads {threads}, cores {Environment.ProcessorCount}");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long written = await SyntheticParquet.WriteAsync(generator, count, parse.GetValue(seed), output, new Dictionary<string, string>(),
                Progress, chunk, cancel, timings);
            double seconds = clock.Elapsed.TotalSeconds;
            // On a shared host wall time swings with the neighbours' load; CPU time per row is the steadier figure of the work.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            if (asJson)
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    columns, encodedWidth = width, rows = written, chunkRows = chunk, torchThreads = threads, cores = Environment.ProcessorCount,
                    seconds, rowsPerSecond = written / seconds, parquetBytes = output.BytesWritten, megabytesPerSecond = output.BytesWritten / 1e6 / seconds,
                    sampleSeconds = timings.Sample.TotalSeconds, decodeSeconds = timings.Decode.TotalSeconds, writeSeconds = timings.Write.TotalSeconds,
                    cpuSeconds = cpu.TotalSeconds, cpuMicrosecondsPerRow = cpu.TotalMilliseconds * 1000 / written,
                    beforeModel = new { residentBytes = startResident, peakResidentBytes = startPeak }, memory,
                }, SynthDataJson.Options));
                return 0;
            }
            stdout.WriteLine($"rows: {written:N0} in {seconds:F2} s: {written / seconds:N0} rows/s, " +
                             $"{output.BytesWritten / 1e6:F1} MB Parquet ({output.BytesWritten / 1e6 / seconds:F1} MB/s)");
            stdout.WriteLine($"busy time: sample {timings.Sample.TotalSeconds:F2} s, decode {timings.Decode.TotalSeconds:F2} s, " +
                             $"parquet write {timings.Write.TotalSeconds:F2} s");
            stdout.WriteLine($"CPU time: {cpu.TotalSeconds:F1} s, {cpu.TotalMilliseconds * 1000 / written:F2} us per row");
            stdout.WriteLine($"before loading the model: {ProcessMemory.Describe(startResident, startPeak)}");
            foreach (var m in memory)
                stdout.WriteLine(string.Format(CultureInfo.CurrentCulture, "after {0,12:N0} rows ({1,4:P0}): {2}", m.Rows, m.Fraction, ProcessMemory.Describe(m.ResidentBytes, m.PeakResidentBytes)));
            return 0;
        }));
        return command;
    }
}
