using System.Collections.Concurrent;
using System.Diagnostics;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy;

namespace SynthData.Bench;

/// <summary>One admission phase: the datasets it spreads over, the run each admission reserves and the budget asked for.</summary>
/// <param name="Name">"spare" (budget to spare: every admission should pass) or "exhausted" (budget for <paramref name="RunsFit"/> runs).</param>
/// <param name="Datasets">The ledger's dataset ids, fresh for this phase.</param>
/// <param name="Run">The planned run every admission reserves.</param>
/// <param name="Budget">The lifetime budget each admission asks for.</param>
/// <param name="Delta">The delta the budget is tracked at.</param>
/// <param name="RunsFit">How many runs the budget fits on one dataset, when the phase exhausts it.</param>
public sealed record AdmissionPhase(string Name, IReadOnlyList<string> Datasets, PrivacyEvent Run, double Budget, double Delta, int? RunsFit);

/// <summary>
/// What the ledger holds after a phase, read back from the database: datasets whose composed lifetime epsilon is over
/// their budget, the runs recorded (every admission exactly once, so equal to the admitted count), and the most runs
/// on one dataset (at most RunsFit when the phase exhausts the budget).
/// </summary>
public sealed record LedgerCheck(int Datasets, int OverBudget, int RecordedRuns, int MostRunsOnOneDataset, int? RunsFit);

/// <summary>A phase's figures: admissions and refusals, their latencies, the failed calls by exception, and the ledger check.</summary>
public sealed record AdmissionFigures(string Phase, int Admitted, int Refused, double Seconds, Latency Latency,
    IReadOnlyDictionary<string, int> Failures, LedgerCheck Check)
{
    public double AdmittedPerSecond => Admitted / Seconds;
    public double RefusedPerSecond => Refused / Seconds;

    /// <summary>No dataset over budget, none holding more runs than fit, every admission recorded once, no failed call.</summary>
    public bool Holds => Check.OverBudget == 0 && Check.RecordedRuns == Admitted && (Check.RunsFit is not { } fit || Check.MostRunsOnOneDataset <= fit)
                         && Failures.Count == 0;
}

/// <summary>
/// StartTraining's admission without the training: concurrent clients, client i on replica i mod R, each reserving a
/// run on a random dataset of the phase through its replica's ledger (the budget row's lock, the history composed,
/// the run inserted, in one transaction) for a fixed time. Latency is from call to decision.
/// </summary>
public static class AdmissionLoad
{
    public static AdmissionFigures Run(AdmissionPhase phase, IReadOnlyList<BenchReplica> replicas, int clients, TimeSpan duration)
    {
        var admitted = new ConcurrentBag<double>();
        var refused = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        BlockingWorkers.Run(clients, index =>
        {
            var ledger = replicas[index % replicas.Count].Ledger;
            var random = new Random(index); // public randomness: which of the bench's datasets to admit against
            while (clock.Elapsed < duration)
            {
                string dataset = phase.Datasets[random.Next(phase.Datasets.Count)];
                long started = Stopwatch.GetTimestamp();
                BudgetReservation? reservation = null;
                if (!BlockingWorkers.Try(() => reservation = ledger.TryReserve(dataset, $"run_{Guid.NewGuid():N}", phase.Run, phase.Budget, phase.Delta), failures))
                    continue;
                (reservation!.Admitted ? admitted : refused).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        double seconds = clock.Elapsed.TotalSeconds;
        return new AdmissionFigures(phase.Name, admitted.Count, refused.Count, seconds, Latency.Of(admitted.Concat(refused)),
            failures.ToDictionary(), Check(phase, replicas[0].Ledger));
    }

    static LedgerCheck Check(AdmissionPhase phase, IPrivacyBudgetLedger ledger)
    {
        int over = 0, recorded = 0, most = 0;
        foreach (string dataset in phase.Datasets)
        {
            if (ledger.Budget(dataset) is not { } budget) continue; // never admitted against
            int runs = ledger.Entries(dataset).Count(e => e.State != LedgerState.Released);
            recorded += runs;
            most = Math.Max(most, runs);
            if (ledger.LifetimeEpsilon(dataset, budget.Delta) > budget.LifetimeBudget) over++;
        }
        return new LedgerCheck(phase.Datasets.Count, over, recorded, most, phase.RunsFit);
    }
}
