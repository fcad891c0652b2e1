using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
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
        var command = new Command("generate", "Measure the server's Generate stream: rows/s, MB/s, time to first byte and memory.") { rows, model, seed, rowGroup, table, schema, epochs };
        command.SetAction((parse, cancel) => CliErrors.Run(async () =>
        {
            long count = parse.GetValue(rows);
            if (count < 1) throw new InvalidInputException($"--rows must be at least 1; got {count}.");
            var request = new GenerateRequest { Rows = count, Seed = parse.GetValue(seed), RowGroupSize = parse.GetValue(rowGroup) };
            if (ServerConnectionOptions.IsRemote(parse))
            {
                request.ModelId = parse.GetValue(model) ?? throw new InvalidInputException("--model MODEL_ID is required with --server (a released model of the key's tenant).");
                using var remote = ServerConnectionOptions.Connect(parse, "bench generate");
                Console.WriteLine($"server: {remote.Address} (remote: its memory is not visible from here)");
                await MeasureAsync(remote, request, sampleMemory: false, cancel);
                return 0;
            }

            string tablePath = parse.GetRequiredValue(table);
            string? schemaPath = parse.GetValue(schema) ?? (File.Exists(Path.ChangeExtension(tablePath, ".schema.json")) ? Path.ChangeExtension(tablePath, ".schema.json") : null);
            await using var server = await InProcessServer.StartAsync(cancel);
            Console.WriteLine($"server: in-process at {server.Url}; preparing a released model from {tablePath} (epsilon 3, {parse.GetValue(epochs)} epochs, audit without canaries)...");
            var released = await BenchModel.PrepareAsync(server.Url, server.AdminKey, tablePath, schemaPath, parse.GetValue(epochs), cancel);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "model {0} released after {1:F1} s", released.ModelId, released.SetupTime.TotalSeconds));
            request.ModelId = released.ModelId;
            using var consumer = new SynthDataConnection(server.Url, released.ConsumerKey);
            await MeasureAsync(consumer, request, sampleMemory: true, cancel);
            return 0;
        }));
        return command;
    }

    static async Task MeasureAsync(SynthDataConnection connection, GenerateRequest request, bool sampleMemory, CancellationToken cancel)
    {
        var c = CultureInfo.InvariantCulture;
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

        Console.WriteLine(string.Format(c, "streamed {0:N0} rows, {1:N0} bytes (SHA-256 verified) in {2:F2} s", file.Rows, file.Bytes, seconds));
        Console.WriteLine(string.Format(c, "throughput: {0:N0} rows/s, {1:F1} MB/s", file.Rows / seconds, file.Bytes / seconds / 1e6));
        Console.WriteLine(string.Format(c, "time to first byte: {0:F0} ms", firstByte?.TotalMilliseconds));
        if (sampleMemory)
            // On a shared host wall time swings with the neighbours' load; CPU time per row is the steadier figure of the work.
            Console.WriteLine(string.Format(c, "CPU time (this process: server and client): {0:F1} s, {1:F2} us per row", cpu.TotalSeconds, cpu.TotalMilliseconds * 1000 / file.Rows));
        if (samples is null) return;

        Console.WriteLine(string.Format(c, "server memory (this process hosts it; RSS sampled every {0:F0} ms, {1} samples; rows estimated from bytes, row groups being equal):",
            SamplingInterval.TotalMilliseconds, samples.Count));
        Console.WriteLine($"  before the stream:  RSS {ProcessMemory.MiB(baseline)}, managed heap {ProcessMemory.MiB(baselineHeap)} (after a full collection)");
        foreach (double fraction in new[] { 0.1, 0.5 })
        {
            var at = samples.FirstOrDefault(s => s.Progress >= fraction * file.Bytes && s.Progress > 0);
            Console.WriteLine(at.At == default
                ? string.Format(c, "  at {0,4:0%} of rows:   not sampled (the stream was shorter than the interval)", fraction)
                : string.Format(c, "  at {0,4:0%} of rows:   RSS {1}, managed heap {2} (at {3:F2} s)", fraction, ProcessMemory.MiB(at.ResidentBytes), ProcessMemory.MiB(at.ManagedHeapBytes), at.At.TotalSeconds));
        }
        Console.WriteLine($"  at 100% of rows:   RSS {ProcessMemory.MiB(samples[^1].ResidentBytes)}, managed heap {ProcessMemory.MiB(samples[^1].ManagedHeapBytes)}");
        Console.WriteLine($"  max while streaming: RSS {ProcessMemory.MiB(samples.Max(s => s.ResidentBytes))}");
        Console.WriteLine($"  VmHWM (peak since start, training included): {ProcessMemory.MiB(ProcessMemory.PeakResidentBytes())}");
    }

}
