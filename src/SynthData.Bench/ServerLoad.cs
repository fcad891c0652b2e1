using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using SynthData.Api.V1;
using SynthData.Client;

namespace SynthData.Bench;

/// <summary>Latency figures of one kind of call: how many completed, how many failed and how (status or transport error), and percentiles in milliseconds.</summary>
public sealed record CallFigures(string Call, int Clients, int Completed, IReadOnlyDictionary<string, int> Failures, double P50Ms, double P99Ms, double MaxMs, double PerSecond)
{
    public int Failed => Failures.Values.Sum();
}

/// <summary>The health probe sampled throughout: each probe opens a new connection, as a load balancer would.</summary>
public sealed record HealthFigures(int Probes, int Failed, int SlowerThanOneSecond, double P50Ms, double MaxMs);

/// <summary>
/// Drives a server with N concurrent clients, each on its own connection, for a fixed time per call kind: GetDataset
/// on random datasets, ListDatasets, and uploads of a small table. Latencies are client-side, from call to reply. Each
/// call has a deadline, as a real client's would: one that misses it counts as failed (DEADLINE_EXCEEDED), so a
/// server too slow to answer cannot stall the bench.
/// </summary>
public sealed class ServerLoad(string url, string ownerKey, IReadOnlyList<string> datasetIds, byte[] uploadTable, UploadDatasetHeader uploadHeader, TimeSpan deadline)
{
    public async Task<CallFigures> RunAsync(string call, int clients, TimeSpan duration, CancellationToken cancel)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<string, int>();
        var connections = Enumerable.Range(0, clients).Select(_ => new SynthDataConnection(url, ownerKey)).ToArray();
        try
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(connections.Select((connection, index) => Task.Run(async () =>
            {
                var random = new Random(index); // public randomness: which dataset to ask for
                while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await CallAsync(connection, call, random, cancel);
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    catch (RpcException e) { failures.AddOrUpdate(e.StatusCode.ToString(), 1, (_, n) => n + 1); }
                    // A transport failure (a reset stream or connection) surfaces as an HTTP or IO exception, not a status.
                    catch (Exception e) when (e is HttpRequestException or IOException) { failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1); }
                }
            }, cancel)));
            double seconds = clock.Elapsed.TotalSeconds;
            var sorted = latencies.Order().ToArray();
            return new CallFigures(call, clients, sorted.Length, failures.ToDictionary(), Percentile(sorted, 0.5), Percentile(sorted, 0.99),
                sorted.Length == 0 ? double.NaN : sorted[^1], sorted.Length / seconds);
        }
        finally
        {
            foreach (var connection in connections) connection.Dispose();
        }
    }

    Task CallAsync(SynthDataConnection connection, string call, Random random, CancellationToken cancel) => call switch
    {
        "GetDataset" => connection.Datasets.GetDatasetAsync(new GetDatasetRequest { DatasetId = datasetIds[random.Next(datasetIds.Count)] },
            deadline: Deadline(), cancellationToken: cancel).ResponseAsync,
        "ListDatasets" => connection.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), deadline: Deadline(), cancellationToken: cancel).ResponseAsync,
        "UploadDataset" => UploadAsync(connection, cancel),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    DateTime Deadline() => DateTime.UtcNow + deadline;

    async Task UploadAsync(SynthDataConnection connection, CancellationToken cancel)
    {
        using var call = connection.Datasets.UploadDataset(deadline: Deadline(), cancellationToken: cancel);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = uploadHeader }, cancel);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(uploadTable) }, cancel);
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
    }

    /// <summary>Probes health every interval on a new connection (deadline 5 s) until stopped.</summary>
    public static async Task<HealthFigures> SampleHealthAsync(string url, TimeSpan interval, CancellationToken stop)
    {
        var latencies = new List<double>();
        int failed = 0;
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var channel = GrpcChannel.ForAddress(url);
                    var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                    if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    else failed++;
                }
                catch (RpcException) { failed++; }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) { } // stopped
        var sorted = latencies.Order().ToArray();
        return new HealthFigures(sorted.Length + failed, failed, sorted.Count(l => l > 1000) + failed, Percentile(sorted, 0.5), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values (NaN when there are none).</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
