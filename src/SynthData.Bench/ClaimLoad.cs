extern alias ServerAssembly;
using System.Collections.Concurrent;
using System.Diagnostics;
using DatasetRecord = ServerAssembly::SynthData.Server.Storage.DatasetRecord;
using JobState = ServerAssembly::SynthData.Server.Storage.JobState;
using ServerStore = ServerAssembly::SynthData.Server.Storage.ServerStore;

namespace SynthData.Bench;

/// <summary>
/// The claim phase's figures: jobs queued, claims made (with the distinct jobs among them: equal when none was claimed
/// twice), jobs of the phase not succeeded afterwards (none when every job was claimed and finished), and failed calls.
/// </summary>
public sealed record ClaimFigures(int Jobs, int Claimed, int Distinct, int NotSucceeded, double Seconds, Latency Latency, IReadOnlyDictionary<string, int> Failures)
{
    public double ClaimsPerSecond => Claimed / Seconds;

    /// <summary>Every job claimed exactly once and finished.</summary>
    public bool ExactlyOnce => Claimed == Jobs && Distinct == Jobs && NotSucceeded == 0 && Failures.Count == 0;
}

/// <summary>
/// The job runner's queue across replicas: N jobs queued, then workers on every replica (worker i on replica i mod R)
/// claim the oldest queued job with ClaimNextQueued (FOR UPDATE SKIP LOCKED, a lease to the worker) and finish it at
/// once, until none is left. Latency is one claim plus its finish.
/// </summary>
public static class ClaimLoad
{
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(5); // longer than the phase: no lease expires in the bench

    public static ClaimFigures Run(string tag, IReadOnlyList<BenchReplica> replicas, int jobs, int workers)
    {
        var store = replicas[0].Store;
        string tenant = store.TenantKeys.EnsureTenant($"bench-{tag}");
        var dataset = Dataset(tenant, tag);
        store.Datasets.Insert(dataset);
        Queue(replicas, tenant, dataset.Id, jobs);

        var latencies = new ConcurrentBag<double>();
        var claimed = new ConcurrentBag<string>();
        var failures = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        BlockingWorkers.Run(workers, index =>
        {
            var replica = replicas[index % replicas.Count];
            string owner = $"{replica.Name}/worker-{index}";
            while (true)
            {
                long started = Stopwatch.GetTimestamp();
                string? job = null;
                // A failed claim ends this worker: the check below then finds the jobs it left queued.
                if (!BlockingWorkers.Try(() => job = replica.Store.Jobs.ClaimNextQueued(owner, Lease)?.Id, failures) || job is null) return;
                claimed.Add(job);
                bool finished = false;
                BlockingWorkers.Try(() => finished = replica.Store.Jobs.Finish(job, JobState.Succeeded, []), failures);
                // Finish refuses a job already terminal: another worker claimed and finished it too.
                if (!finished) failures.AddOrUpdate("FinishRefused", 1, (_, n) => n + 1);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        double seconds = clock.Elapsed.TotalSeconds;
        int notSucceeded = store.Jobs.List(tenant, dataset.Id).Count(j => j.State != JobState.Succeeded);
        return new ClaimFigures(jobs, claimed.Count, claimed.Distinct().Count(), notSucceeded, seconds, Latency.Of(latencies), failures.ToDictionary());
    }

    /// <summary>Inserts the jobs from a few threads over the replicas' pools (set-up, not timed).</summary>
    static void Queue(IReadOnlyList<BenchReplica> replicas, string tenant, string datasetId, int jobs)
    {
        int next = -1;
        BlockingWorkers.Run(4, index =>
        {
            var store = replicas[index % replicas.Count].Store;
            while (Interlocked.Increment(ref next) < jobs) store.Jobs.Insert(tenant, datasetId, "train", 100, 1, 1e-5, "{}");
        });
    }

    /// <summary>A dataset row for the jobs' foreign key; it has no file, and no job reads it.</summary>
    static DatasetRecord Dataset(string tenant, string tag) => new()
    {
        Id = ServerStore.NewId("ds"), TenantId = tenant, Name = $"bench-{tag}", Format = "csv", RowCount = 0, SchemaJson = "{}",
        PolicyId = "default", RawPath = "/nonexistent/bench.csv", CreatedAt = DateTimeOffset.UtcNow,
    };
}
