using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SynthData.Api.V1;
using SynthData.Cli;
using SynthData.Cli.Bench;
using SynthData.Cli.Options;
using SynthData.Cli.Output;
using SynthData.Client;
using SynthData.Core;

namespace SynthData.Bench;

/// <summary>
/// `synthdata bench generate --rows N [--server URL --api-key CONSUMER_KEY --model MODEL_ID]`: throughput of the Generate
/// stream (rows/s, MB/s, time to first byte) with the bytes counted and discarded. Without --server it hosts the server
/// in-process, prepares a released model from the sample table, and samples the process's resident memory every 250 ms,
/// printing it at 10%, 50% and 100% of the stream and the peak, so a reader sees whether memory grows with rows.
/// </summary>
public static class GenerateBenchCommand
{
    static readonly TimeSpan SamplingInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var rows = new Option<long>("--rows") { Description = "rows to stream", DefaultValueFactory = _ => 1_000_000 };
        var model = new Option<string?>("--model") { Description = "with --server: a released model id (the key must be its tenant's consumer key)" };
        var seed = new Option<int>("--seed") { Description = "sampling seed", DefaultValueFactory = _ => 0 };
        var rowGroup = new Option<int>("--row-group-size") { Description = "rows per Parquet row group (0: the server's default, 65,536)", DefaultValueFactory = _ => 0 };
        var table = new Option<string>("--table") { Description = "in-process server: table to upload and train on", DefaultValueFactory = _ => "samples/bank-marketing.csv" };
        var schema = new Option<string?>("--schema") { Description = "in-process server: schema file (default: TABLE's .schema.json when it exists)" };
        var epochs = new Option<int>("--epochs") { Description = "in-process server: training epochs of the bench model", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object (and nothing while preparing)" };
        var command = new Command("generate", "Measure the server's Generate stream: rows/s, MB/s, time to first byte and memory.") { rows, model, seed, rowGroup, table, schema, epochs, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            long count = parse.GetValue(rows);
            if (count < 1) throw new InvalidInputException($"--rows must be at least 1; got {count}.");
            bool asJson = parse.GetValue(json);
            void Say(string line) { if (!asJson) stdout.WriteLine(line); }
            var request = new GenerateRequest { Rows = count, Seed = parse.GetValue(seed), RowGroupSize = parse.GetValue(rowGroup) };
            GenerateFigures figures;
            if (ServerConnectionOptions.IsRemote(parse))
            {
                request.ModelId = parse.GetValue(model) ?? throw new InvalidInputException("--model MODEL_ID is required with --server (a released model of the key's tenant).");
                using var remote = ServerConnectionOptions.Connect(parse, "bench generate");
                Say($"server: {remote.Address} (remote: its memory is not visible from here)");
                figures = await MeasureAsync(remote, request, sampleMemory: false, cancel) with { Server = remote.Address.ToString() };
            }
            else
            {
                string tablePath = parse.GetRequiredValue(table);
                string? schemaPath = parse.GetValue(schema) ?? (File.Exists(Path.ChangeExtension(tablePath, ".schema.json")) ? Path.ChangeExtension(tablePath, ".schema.json") : null);
                await using var server = await InProcessServer.StartAsync(cancel);
                Say($"server: in-process at {server.Url}; preparing a released model from {tablePath} (epsilon 3, {parse.GetValue(epochs)} epochs, audit without canaries)...");
                var released = await BenchModel.PrepareAsync(server.Url, server.AdminKey, tablePath, schemaPath, parse.GetValue(epochs), cancel);
                Say(string.Format(CultureInfo.InvariantCulture, "model {0} released after {1:F1} s", released.ModelId, released.SetupTime.TotalSeconds));
                request.ModelId = released.ModelId;
                using var consumer = new SynthDataConnection(server.Url, released.ConsumerKey);
                figures = await MeasureAsync(consumer, request, sampleMemory: true, cancel) with { Server = "in-process", SetupSeconds = released.SetupTime.TotalSeconds };
            }
            figures = figures with { ModelId = request.ModelId };
            if (asJson) stdout.WriteLine(JsonSerializer.Serialize(figures, SynthDataJson.Options));
            else Print(stdout, figures);
            return 0;
        }));
        return command;
    }

    static async Task<GenerateFigures> MeasureAsync(SynthDataConnection connection, GenerateRequest request, bool sampleMemory, CancellationToken cancel)
    {
        // Training and set-up left garbage behind: collect it so the baseline is what the process holds.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long? baseline = ProcessMemory.ResidentBytes();
        long baselineHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        long received = 0;
        TimeSpan? firstByte = null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var progress = new InlineProgress<GenerationProgress>(p =>
        {
            if (p.BytesReceived > 0 && firstByte is null) firstByte = clock.Elapsed;
            Interlocked.Exchange(ref received, p.BytesReceived);
        });
        var sampler = sampleMemory ? new MemorySampler(SamplingInterval, () => Interlocked.Read(ref received)) : null;
        var file = await connection.GenerateAsync(request, Stream.Null, progress, cancel);
        double seconds = clock.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var samples = sampler is null ? null : await sampler.StopAsync();
        return new GenerateFigures
        {
            Rows = file.Rows,
            Bytes = file.Bytes,
            Seconds = seconds,
            RowsPerSecond = file.Rows / seconds,
            MegabytesPerSecond = file.Bytes / seconds / 1e6,
            TimeToFirstByteMs = firstByte?.TotalMilliseconds,
            // The process's CPU covers server and client only when the server is in-process.
            CpuSeconds = sampleMemory ? cpu.TotalSeconds : null,
            CpuMicrosecondsPerRow = sampleMemory ? cpu.TotalMilliseconds * 1000 / file.Rows : null,
            Memory = samples is null ? null : MemoryFigures.Of(samples, file.Bytes, baseline, baselineHeap),
        };
    }

    static void Print(TextWriter stdout, GenerateFigures f)
    {
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Format(c, "streamed {0:N0} rows, {1:N0} bytes (SHA-256 verified) in {2:F2} s", f.Rows, f.Bytes, f.Seconds));
        stdout.WriteLine(string.Format(c, "throughput: {0:N0} rows/s, {1:F1} MB/s", f.RowsPerSecond, f.MegabytesPerSecond));
        stdout.WriteLine(string.Format(c, "time to first byte: {0:F0} ms", f.TimeToFirstByteMs));
        if (f.CpuSeconds is { } cpu)
            // On a shared host wall time swings with the neighbours' load; CPU time per row is the steadier figure of the work.
            stdout.WriteLine(string.Format(c, "CPU time (this process: server and client): {0:F1} s, {1:F2} us per row", cpu, f.CpuMicrosecondsPerRow));
        if (f.Memory is not { } m) return;

        stdout.WriteLine(string.Format(c, "server memory (this process hosts it; RSS sampled every {0:F0} ms, {1} samples; rows estimated from bytes, row groups being equal):",
            SamplingInterval.TotalMilliseconds, m.Samples));
        stdout.WriteLine($"  before the stream:  RSS {ProcessMemory.MiB(m.BaselineResidentBytes)}, managed heap {ProcessMemory.MiB(m.BaselineHeapBytes)} (after a full collection)");
        foreach (var at in m.AtFraction)
            stdout.WriteLine(at.Seconds is null
                ? string.Format(c, "  at {0,4:0%} of rows:   not sampled (the stream was shorter than the interval)", at.Fraction)
                : string.Format(c, "  at {0,4:0%} of rows:   RSS {1}, managed heap {2} (at {3:F2} s)", at.Fraction, ProcessMemory.MiB(at.ResidentBytes), ProcessMemory.MiB(at.HeapBytes), at.Seconds));
        stdout.WriteLine($"  at 100% of rows:   RSS {ProcessMemory.MiB(m.EndResidentBytes)}, managed heap {ProcessMemory.MiB(m.EndHeapBytes)}");
        stdout.WriteLine($"  max while streaming: RSS {ProcessMemory.MiB(m.MaxResidentBytes)}");
        stdout.WriteLine($"  VmHWM (peak since start, training included): {ProcessMemory.MiB(m.PeakResidentBytes)}");
    }
}
