using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SynthData.Api.V1;
using SynthData.Cli;
using SynthData.Client;
using SynthData.Core;

namespace SynthData.Bench;

/// <summary>
/// `synthdata-bench bench server [--datasets 100] [--clients 1,10,50] [--seconds 5] [--json]`: read and upload load on an
/// in-process server holding N datasets (the sample table uploaded N times: one content, so one ledger, and one short
/// training run gives every dataset a ledger to compose). Prints p50/p99 latency of GetDataset and ListDatasets and
/// uploads per second at each client count, failed calls (a call past --deadline fails), and a health probe on a new
/// connection every 250 ms throughout.
/// </summary>
public static class ServerBenchCommand
{
    public sealed record Result(int Datasets, bool Trained, double SetupSeconds, IReadOnlyList<CallFigures> Calls, HealthFigures Health);

    public static Command Create()
    {
        var datasets = new Option<int>("--datasets") { Description = "datasets on the server before the load", DefaultValueFactory = _ => 100 };
        var clients = new Option<string>("--clients") { Description = "comma-separated concurrent client counts", DefaultValueFactory = _ => "1,10,50" };
        var seconds = new Option<double>("--seconds") { Description = "seconds of load per call kind and client count", DefaultValueFactory = _ => 5 };
        var table = new Option<string>("--table") { Description = "CSV table uploaded --datasets times (its first 200 rows are the upload load)", DefaultValueFactory = _ => "samples/bank-marketing.csv" };
        var train = new Option<bool>("--no-train") { Description = "skip the one training run (datasets then have an empty ledger)" };
        var deadline = new Option<double>("--deadline") { Description = "seconds a call may take before it counts as failed", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "print the figures as JSON" };
        var command = new Command("server", "Load a server: GetDataset/ListDatasets latency, uploads per second and health, at 1, 10 and 50 clients.")
            { datasets, clients, seconds, deadline, table, train, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            int count = parse.GetValue(datasets);
            var levels = parse.GetRequiredValue(clients).Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            if (count < 1 || levels.Any(l => l < 1)) throw new ArgumentException("--datasets and every --clients count must be at least 1.");
            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            string tablePath = parse.GetRequiredValue(table);
            string schemaPath = Path.ChangeExtension(tablePath, ".schema.json");
            var header = new UploadDatasetHeader { Name = "bench", SchemaJson = File.Exists(schemaPath) ? await File.ReadAllTextAsync(schemaPath, cancel) : "" };
            bool quiet = parse.GetValue(json);
            void Say(string line) { if (!quiet) stdout.WriteLine(line); }

            await using var server = await InProcessServer.StartAsync(cancel);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Say($"server: in-process at {server.Url}; uploading {tablePath} {count} times...");
            var (ownerKey, ids) = await PrepareAsync(server, tablePath, header, count, cancel);
            bool trained = !parse.GetValue(train);
            if (trained)
            {
                Say("training one model (epsilon 1, 1 epoch) so every dataset's ledger has a run to compose...");
                await TrainOnceAsync(server.Url, ownerKey, ids[0], cancel);
            }
            double setup = clock.Elapsed.TotalSeconds;

            // A small CSV upload (the table's first 200 rows): the figure is the server's per-upload overhead, not parsing speed.
            var small = string.Join('\n', File.ReadLines(tablePath).Take(201)) + "\n";
            var smallHeader = new UploadDatasetHeader(header) { Format = DataFormat.Csv };
            var load = new ServerLoad(server.Url, ownerKey, ids, System.Text.Encoding.UTF8.GetBytes(small), smallHeader,
                TimeSpan.FromSeconds(parse.GetValue(deadline)));
            using var stopHealth = new CancellationTokenSource();
            var health = ServerLoad.SampleHealthAsync(server.Url, TimeSpan.FromMilliseconds(250), stopHealth.Token);
            var figures = new List<CallFigures>();
            foreach (int level in levels)
                foreach (string call in new[] { "GetDataset", "ListDatasets" })
                    figures.Add(Report(stdout, await load.RunAsync(call, level, duration, cancel), quiet));
            // Uploads last: they add datasets, which would change what List returns.
            foreach (int level in levels) figures.Add(Report(stdout, await load.RunAsync("UploadDataset", level, duration, cancel), quiet));
            await stopHealth.CancelAsync();
            var result = new Result(count, trained, setup, figures, await health);

            if (quiet) { stdout.WriteLine(JsonSerializer.Serialize(result, SynthDataJson.Options)); return 0; }
            var h = result.Health;
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "health (new connection every 250 ms): {0} probes, {1} failed, {2} slower than 1 s, p50 {3:F1} ms, max {4:F1} ms",
                h.Probes, h.Failed, h.SlowerThanOneSecond, h.P50Ms, h.MaxMs));
            stdout.WriteLine($"failed calls: {figures.Sum(f => f.Failed)}; set-up {setup:F1} s ({count} datasets{(trained ? ", one trained model" : "")})");
            return 0;
        }));
        return command;
    }

    static CallFigures Report(TextWriter stdout, CallFigures f, bool quiet)
    {
        if (!quiet)
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-13} {1,3} clients: {2,6} calls ({3,7:F1}/s), p50 {4,8:F1} ms, p99 {5,8:F1} ms, max {6,8:F1} ms, failed {7}{8}",
                f.Call, f.Clients, f.Completed, f.PerSecond, f.P50Ms, f.P99Ms, f.MaxMs, f.Failed,
                f.Failed == 0 ? "" : $" ({string.Join(", ", f.Failures.Select(p => $"{p.Key} {p.Value}"))})"));
        return f;
    }

    static async Task<(string OwnerKey, List<string> Ids)> PrepareAsync(InProcessServer server, string table, UploadDatasetHeader header, int count, CancellationToken cancel)
    {
        string adminKey;
        using (var operatorConnection = new SynthDataConnection(server.Url, server.AdminKey))
            adminKey = await BenchModel.KeyAsync(operatorConnection, Role.Admin, cancel);
        string ownerKey;
        using (var admin = new SynthDataConnection(server.Url, adminKey))
            ownerKey = await BenchModel.KeyAsync(admin, Role.Owner, cancel);
        var ids = new List<string>();
        using var owner = new SynthDataConnection(server.Url, ownerKey);
        for (int i = 0; i < count; i++) ids.Add((await owner.UploadDatasetAsync(table, header, cancellationToken: cancel)).Id);
        return (ownerKey, ids);
    }

    static async Task TrainOnceAsync(string url, string ownerKey, string datasetId, CancellationToken cancel)
    {
        using var owner = new SynthDataConnection(url, ownerKey);
        var job = await owner.Training.StartTrainingAsync(new StartTrainingRequest { DatasetId = datasetId, Epsilon = 1, Options = new ModelOptions { Epochs = 1, Seed = 1 } },
            cancellationToken: cancel);
        Job? finished = null;
        await foreach (var e in owner.WatchJobAsync(job.Id, cancel)) finished = e.Job;
        if (finished is not { State: JobState.Succeeded })
            throw new InvalidOperationException($"bench training job {job.Id} ended {finished?.State}: {string.Join("; ", finished?.Reasons ?? [])}");
    }
}
