using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SynthData.Cli;
using SynthData.Core;

namespace SynthData.Bench;

/// <summary>
/// `synthdata-bench bench replicas [--json] [--seconds S] [--postgres CONNSTRING]`: admissions per second (with
/// budget to spare, and refusals against exhausted budgets) and jobs claimed per second with 1, 2 and 3 replicas over
/// one PostgreSQL database, each round checking that no dataset went over its budget and every job was claimed once.
/// Exits 1 when a check fails.
/// </summary>
public static class ReplicaBenchCommand
{
    public static Command Create()
    {
        var replicas = new Option<string>("--replicas") { Description = "comma-separated replica counts, a round each", DefaultValueFactory = _ => "1,2,3" };
        var clients = new Option<int>("--clients") { Description = "concurrent clients (admissions) and workers (claims), spread over the replicas", DefaultValueFactory = _ => 12 };
        var seconds = new Option<double>("--seconds") { Description = "seconds of each admission phase", DefaultValueFactory = _ => 3 };
        var datasets = new Option<int>("--datasets") { Description = "datasets each admission phase spreads over", DefaultValueFactory = _ => 32 };
        var jobs = new Option<int>("--jobs") { Description = "jobs queued for each round's claim phase", DefaultValueFactory = _ => 2000 };
        var postgres = new Option<string?>("--postgres")
            { Description = "connection string of a PostgreSQL server the bench may create (and drops) a scratch database on; default: a throwaway cluster from /usr/lib/postgresql" };
        var serverAccountant = new Option<bool>("--server-accountant")
            { Description = "admit with the server's accountant (pld_rdp_min, about a second per admission here) instead of a constant cost per run" };
        var json = new Option<bool>("--json") { Description = "print the figures as JSON" };
        var command = new Command("replicas", "Admissions and job claims per second with 1, 2 and 3 replicas on one PostgreSQL database, checking budgets and exactly-once claims.")
            { replicas, clients, seconds, datasets, jobs, postgres, serverAccountant, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            var counts = parse.GetRequiredValue(replicas).Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            var load = new ReplicaLoad(parse.GetValue(clients), parse.GetValue(datasets), parse.GetValue(seconds), parse.GetValue(jobs), parse.GetValue(serverAccountant));
            if (counts.Any(c => c < 1) || load.Clients < 1 || load.Datasets < 1 || load.Jobs < 1 || !(load.Seconds > 0))
                throw new InvalidInputException("--replicas counts, --clients, --datasets and --jobs must be at least 1, and --seconds positive.");
            bool quiet = parse.GetValue(json);
            void Say(string line) { if (!quiet) stdout.WriteLine(line); }

            using var database = BenchPostgres.Open(parse.GetValue(postgres));
            Say($"PostgreSQL: {database.Description}");
            Say($"replicas: {ReplicaBench.ReplicaMode}");
            var result = ReplicaBench.Run(database.ConnectionString, database.Description, counts, load, Say);
            Say($"machine: {result.Machine}");
            if (quiet) stdout.WriteLine(JsonSerializer.Serialize(result, SynthDataJson.Options));
            else Print(stdout, result);
            if (!result.Holds) stderr.WriteLine("error: an invariant failed (a dataset over its budget, a run not recorded once, a job not claimed exactly once, or a failed call): see the figures.");
            return Task.FromResult(result.Holds ? 0 : 1);
        }));
        return command;
    }

    static void Print(TextWriter stdout, ReplicaBenchResult result)
    {
        var load = result.Load;
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "accountant: {0}{1}; the server's pld_rdp_min took {2:F0} ms to compose {3} training-shaped runs once (each admission composes its history plus the run, outside the budget row's lock; a repeated question is remembered)",
            result.Accountant, load.ServerAccountant ? "" : " (each run costs 1, so the admission figures are the ledger's database work)",
            result.ServerAccountantMs, 4));
        stdout.WriteLine($"load: {load.Clients} clients spread over the replicas; {load.Datasets} datasets and {load.Seconds:0.##} s per admission phase; {load.Jobs} jobs per claim phase");
        stdout.WriteLine();
        stdout.WriteLine("replicas | admitted/s  p50 ms  p99 ms | refused/s  p50 ms  p99 ms | claims/s  p50 ms  p99 ms | checks");
        foreach (var round in result.Rounds)
        {
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,8} | {1,10:F1} {2,7:F1} {3,7:F1} | {4,9:F1} {5,7:F1} {6,7:F1} | {7,8:F1} {8,7:F1} {9,7:F1} | {10}",
                round.Replicas, round.Spare.AdmittedPerSecond, round.Spare.Latency.P50Ms, round.Spare.Latency.P99Ms,
                round.Exhausted.RefusedPerSecond, round.Exhausted.Latency.P50Ms, round.Exhausted.Latency.P99Ms,
                round.Claims.ClaimsPerSecond, round.Claims.Latency.P50Ms, round.Claims.Latency.P99Ms, Checks(round)));
        }
    }

    /// <summary>The round's invariants in words: the budgets kept and the claims made once.</summary>
    static string Checks(ReplicaRound round)
    {
        var (spare, exhausted, claims) = (round.Spare, round.Exhausted, round.Claims);
        string budgets = string.Format(CultureInfo.InvariantCulture, "{0} of {1} datasets over budget, {2} admitted against exhausted budgets (at most {3} runs on one, {4} fit), {5} refused",
            spare.Check.OverBudget + exhausted.Check.OverBudget, spare.Check.Datasets + exhausted.Check.Datasets, exhausted.Admitted,
            exhausted.Check.MostRunsOnOneDataset, exhausted.Check.RunsFit, spare.Refused + exhausted.Refused);
        string once = $"{claims.Distinct} of {claims.Jobs} jobs claimed, {claims.Claimed - claims.Distinct} twice, {claims.NotSucceeded} unfinished";
        var failures = spare.Failures.Concat(exhausted.Failures).Concat(claims.Failures).Select(f => $"{f.Key} {f.Value}").ToArray();
        return $"{budgets}; {once}{(round.Holds ? "" : " - FAILED")}{(failures.Length == 0 ? "" : $" (failed calls: {string.Join(", ", failures)})")}";
    }
}
