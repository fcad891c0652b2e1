using System.Diagnostics;
using SynthData.Core;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Bench;

/// <summary>The load each round applies: concurrent clients (spread over the replicas), datasets per admission phase, seconds per admission phase, jobs queued for the claim phase.</summary>
public sealed record ReplicaLoad(int Clients, int Datasets, double Seconds, int Jobs, bool ServerAccountant);

/// <summary>One replica count's figures: admissions with budget to spare, against exhausted budgets, and job claims.</summary>
public sealed record ReplicaRound(int Replicas, AdmissionFigures Spare, AdmissionFigures Exhausted, ClaimFigures Claims)
{
    public bool Holds => Spare.Holds && Exhausted.Holds && Claims.ExactlyOnce;
}

/// <summary>The whole bench: where it ran, how, and a round per replica count.</summary>
/// <param name="Postgres">Which PostgreSQL: the throwaway cluster or the given server, and the scratch database.</param>
/// <param name="ReplicaMode">What a replica is here (storage in this process, not a server host).</param>
/// <param name="Cores">Processors of this machine, shared by every replica and PostgreSQL.</param>
/// <param name="Accountant">The accountant admissions composed with.</param>
/// <param name="ServerAccountantMs">The server's accountant composing four training-shaped runs (the fourth admission's work), once, in milliseconds.</param>
/// <param name="Load">The load per round.</param>
/// <param name="Rounds">A round per replica count.</param>
public sealed record ReplicaBenchResult(string Postgres, string ReplicaMode, int Cores, string Accountant, double ServerAccountantMs,
    ReplicaLoad Load, IReadOnlyList<ReplicaRound> Rounds)
{
    public string Machine => $"all replicas, PostgreSQL and the clients share the {Cores} cores of this machine";

    public bool Holds => Rounds.All(r => r.Holds);
}

/// <summary>
/// Replicas of the server's storage over one PostgreSQL database, 1, 2 and 3 of them in turn: each round opens fresh
/// replicas (each its own ServerStore, ledger and connection pool), runs the admission phases on fresh datasets and
/// the claim phase on fresh jobs, and reads the ledger and the jobs back to check the invariants.
/// </summary>
public static class ReplicaBench
{
    /// <summary>What the replica bench runs as a replica: said in its output.</summary>
    public const string ReplicaMode =
        "in this process, each replica its own ServerStore and PostgreSQL privacy ledger with its own connection pool, called directly " +
        "(the storage path; no RPC, since StartTraining would go on to train)";

    const double Delta = 1e-5;

    /// <summary>A training-shaped run: preprocessing's Gaussian and 1,560 DP-SGD steps (10 epochs, batch 256 of 40,000 rows).</summary>
    static readonly PrivacyEvent TrainingRun = new ComposedEvent([new GaussianEvent(20), NoiseCalibrator.TrainingEvent(256.0 / 40_000, 1.0, 1_560)]);

    /// <summary>Runs with the budget the exhausted phase fits.</summary>
    const int RunsFit = 3;

    public static ReplicaBenchResult Run(string connectionString, string postgres, IReadOnlyList<int> replicaCounts, ReplicaLoad load, Action<string> say)
    {
        var serverAccountant = new BestOfAccountants();
        var clock = Stopwatch.StartNew();
        serverAccountant.GetEpsilon(new ComposedEvent(Enumerable.Repeat(TrainingRun, RunsFit + 1).ToArray()), Delta);
        double serverAccountantMs = clock.Elapsed.TotalMilliseconds;
        IPrivacyAccountant accountant = load.ServerAccountant ? serverAccountant : new ConstantCostAccountant(1);
        // Each replica composes as a server process does: the server's accountant behind its own memo (StoreBackend.SharedLedger).
        IPrivacyAccountant ReplicaAccountant() => load.ServerAccountant ? new MemoizedAccountant(new BestOfAccountants()) : accountant;
        double exhaustedBudget = accountant.GetEpsilon(new ComposedEvent(Enumerable.Repeat(TrainingRun, RunsFit).ToArray()), Delta).Epsilon;

        Warm(connectionString, accountant, load);
        var rounds = new List<ReplicaRound>();
        foreach (int count in replicaCounts)
        {
            say($"{count} replica(s): opening, then admissions ({load.Seconds:0.##} s with budget to spare, {load.Seconds:0.##} s against exhausted budgets) and {load.Jobs} job claims...");
            var replicas = Enumerable.Range(0, count).Select(i => BenchReplica.Open($"replica-{i + 1}", connectionString, ReplicaAccountant())).ToArray();
            try
            {
                var duration = TimeSpan.FromSeconds(load.Seconds);
                string tag = $"{count}r";
                var spare = AdmissionLoad.Run(new AdmissionPhase("spare", Datasets(tag, "spare", load.Datasets), TrainingRun, 1e6, Delta, null), replicas, load.Clients, duration);
                var exhausted = AdmissionLoad.Run(new AdmissionPhase("exhausted", Datasets(tag, "exhausted", load.Datasets), TrainingRun, exhaustedBudget, Delta, RunsFit),
                    replicas, load.Clients, duration);
                var claims = ClaimLoad.Run(tag, replicas, load.Jobs, load.Clients);
                rounds.Add(new ReplicaRound(count, spare, exhausted, claims));
            }
            finally
            {
                foreach (var replica in replicas) replica.Dispose();
            }
        }
        return new ReplicaBenchResult(postgres, ReplicaMode, Environment.ProcessorCount, accountant.Name, serverAccountantMs, load, rounds);
    }

    /// <summary>
    /// An untimed pass of both loads on one replica (up to 2 s and 500 jobs), so the first round does not also pay for
    /// JIT compilation (tiered: hot methods are recompiled after a while) and PostgreSQL's first plans and page reads.
    /// </summary>
    static void Warm(string connectionString, IPrivacyAccountant accountant, ReplicaLoad load)
    {
        using var replica = BenchReplica.Open("warm-up", connectionString, accountant);
        AdmissionLoad.Run(new AdmissionPhase("warm-up", Datasets("warm", "up", load.Datasets), TrainingRun, 1e6, Delta, null), [replica], load.Clients,
            TimeSpan.FromSeconds(Math.Min(load.Seconds, 2)));
        ClaimLoad.Run("warm", [replica], Math.Min(load.Jobs, 500), load.Clients);
    }

    static string[] Datasets(string tag, string phase, int count) => Enumerable.Range(0, count).Select(i => $"bench-{tag}-{phase}-{i}").ToArray();
}
