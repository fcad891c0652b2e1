using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Synthesis;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Server.Storage;
using SynthData.Server.Training;

namespace SynthData.Server.Tests;

/// <summary>
/// The write-ahead step bound against a real store: after BeforeStep(k) the stored charge covers step k and exceeds
/// it by at most one block, for every k of a long plan; and a run that fails after some steps is charged, in the
/// ledger and in the store, for every step it started.
/// </summary>
public sealed class StepWriteAheadTests
{
    static (ServerStore Store, string JobId) StoreWithJob(long plannedSteps)
    {
        var store = new ServerStore(Path.Combine(TestFiles.NewTempDirectory(), "data"));
        string tenant = store.TenantKeys.EnsureTenant("acme");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = tenant, Name = "t", Format = "csv", RowCount = 4000, SchemaJson = "{}", PolicyId = "default", Fingerprint = "fp", RawPath = "/nowhere.csv", Erased = false, CreatedAt = DateTimeOffset.UtcNow };
        store.Datasets.Insert(dataset);
        return (store, store.Jobs.Insert(tenant, dataset.Id, "train", plannedSteps, 1, 1e-5, "{}").Id);
    }

    [Theory]
    [InlineData(12_345)]
    [InlineData(50)]
    public void After_every_step_the_stored_bound_covers_it_within_one_block(long plannedSteps)
    {
        var (store, jobId) = StoreWithJob(plannedSteps);
        var writeAhead = new StepWriteAhead(store, jobId, plannedSteps);
        long block = Math.Max(1, plannedSteps / 100);
        var stored = new HashSet<long>();
        for (long k = 1; k <= plannedSteps; k++)
        {
            writeAhead.BeforeStep(k);
            long charged = store.Jobs.GetAcrossTenants(jobId)!.StepsCharged;
            Assert.True(charged >= k && charged <= k + block, $"step {k}: stored bound {charged} (block {block})");
            Assert.True(charged <= plannedSteps, $"step {k}: stored bound {charged} beyond the plan");
            stored.Add(charged);
        }
        Assert.Equal(plannedSteps, store.Jobs.GetAcrossTenants(jobId)!.StepsCharged);
        // About one write per block, not one per step.
        Assert.InRange(stored.Count, 1, plannedSteps / block + 1);
    }

    [Fact]
    public void A_run_that_fails_after_some_steps_is_charged_for_every_step_started()
    {
        using var reader = TableReaders.Open(TestFiles.BankCsv, new TableReadOptions());
        var schema = SchemaResolver.Resolve(reader, SchemaFile.Parse(File.ReadAllText(TestFiles.BankSchema), "bank schema"));
        var input = new TrainingInput(TestFiles.BankCsv, schema, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), new TableReadOptions());
        var config = new TrainingConfiguration { Epsilon = 1, Epochs = 100, Seed = 7 };
        var (source, plan) = TrainingPipeline.Prepare(input, config);
        Assert.True(plan.Steps > 1000, $"the plan should be long enough to fail early: {plan.Steps} steps");

        var (store, jobId) = StoreWithJob(plan.Steps);
        var ledger = PrivacyBudgetLedger.Open(Path.Combine(store.DataDirectory, "ledger.db"), new BestOfAccountants());
        var policy = PolicyFile.Load(Path.Combine(TestFiles.Repository, "policies", "default.yaml"));
        var admission = BudgetedTraining.Admit(policy, ledger, "acme/bank", "run-1", plan, config, source.Split.TrainingRows.Length, schema);
        Assert.True(admission.Allowed);

        var writeAhead = new StepWriteAhead(store, jobId, plan.Steps);
        long started = 0, failedAt = 0;
        void BeforeStep(long k)
        {
            writeAhead.BeforeStep(k);
            started = Math.Max(started, k);
        }
        // The fault: a progress callback that throws once the run is past step 40.
        var failing = new InlineProgress<RunProgress>(p =>
        {
            if (p.Stage == RunStage.Train && p.Step >= 40 && failedAt == 0)
            {
                failedAt = p.Step;
                throw new IOException("injected fault");
            }
        });
        Assert.Throws<IOException>(() => BudgetedTraining.Train(admission, ledger, source, plan, schema, config,
            Path.Combine(store.DataDirectory, "never.model"), failing, CancellationToken.None, BeforeStep));

        Assert.True(failedAt >= 40 && started >= failedAt, $"failed at {failedAt}, started {started}");
        var entry = Assert.Single(ledger.Entries("acme/bank"));
        Assert.Equal(LedgerState.Charged, entry.State);
        // Charged the preprocessing and every step started: not one fewer, and not the whole plan.
        Assert.Equal(JsonSerializer.Serialize(RunCharges.UpTo(plan, started), SynthDataJson.Compact), JsonSerializer.Serialize(entry.Event, SynthDataJson.Compact));
        Assert.True(started < plan.Steps);
        long charged = store.Jobs.GetAcrossTenants(jobId)!.StepsCharged;
        Assert.True(charged >= started && charged <= started + Math.Max(1, plan.Steps / 100), $"stored bound {charged}, started {started}");
    }

}
