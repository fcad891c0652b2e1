using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SynthData.Core.Drift;
using SynthData.Core.Governance.Ledger;
using SynthData.Server.Governance;
using SynthData.Server.Hosting;
using SynthData.Server.Lifecycle;
using SynthData.Server.Storage;
using SynthData.Server.Training;

namespace SynthData.Server.Tests;

/// <summary>
/// A drift job whose work was lost (a restart, a replica that stopped renewing its lease) is settled by the lifecycle
/// hooks from its stored parameters: never started, its reservation is given back; started, it may have read the rows
/// in its one step, so it is charged in full. Settling twice changes nothing.
/// </summary>
public sealed class DriftJobRecoveryTests
{
    [Theory]
    [InlineData(false, LedgerState.Released)]
    [InlineData(true, LedgerState.Charged)]
    public void An_abandoned_drift_job_is_released_if_it_never_started_and_charged_in_full_if_it_did(bool started, LedgerState expected)
    {
        var store = new ServerStore(Path.Combine(TestFiles.NewTempDirectory(), "data"));
        var ledger = new DatasetLedger(Options.Create(new SynthDataServerOptions { DataDirectory = store.DataDirectory }), store);
        string tenant = store.TenantKeys.EnsureTenant("acme");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = tenant, Name = "t", Format = "csv", RowCount = 10, SchemaJson = "{}",
            PolicyId = "default", RawPath = "/nowhere.csv", CreatedAt = DateTimeOffset.UtcNow, LedgerKey = "acme/ds-1" };
        store.Datasets.Insert(dataset);
        var noise = DriftNoise.For(0.5, 1e-5, 18);
        var cost = new DriftCost("acme/ds-1", noise.Epsilon, noise.Delta, 0, noise.Epsilon, 10);
        Assert.True(LedgeredDriftCheck.Reserve(ledger.Ledger, cost, "run_drift", noise).Admitted);
        var parameters = new DriftJobParameters("model_a", dataset.Id, "acme/ds-1", new DriftSettings(), noise, "run_drift", cost);
        var job = store.Jobs.Insert(tenant, dataset.Id, DriftJobParameters.Kind, 1, cost.CheckEpsilon, cost.Delta, parameters.ToJson());
        if (started) store.Jobs.MarkRunning(job.Id);
        store.Jobs.Finish(job.Id, JobState.Failed, ["server restarted"]);

        var hooks = new LedgerJobLifecycleHooks(store, ledger, NullLogger<LedgerJobLifecycleHooks>.Instance);
        hooks.OnJobAbandoned(store.Jobs.GetAcrossTenants(job.Id)!);
        hooks.OnJobAbandoned(store.Jobs.GetAcrossTenants(job.Id)!); // idempotent

        var entry = Assert.Single(ledger.Ledger.Entries("acme/ds-1"));
        Assert.Equal(expected, entry.State);
        double lifetime = ledger.Ledger.LifetimeEpsilon("acme/ds-1", 1e-5);
        if (started) Assert.Equal(noise.Epsilon, lifetime, 3); // the whole check, as if it had read the rows
        else Assert.Equal(0, lifetime);
    }
}
