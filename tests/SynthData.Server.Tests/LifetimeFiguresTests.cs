using Microsoft.Extensions.Options;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Governance;
using SynthData.Server.Hosting;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>A dataset's lifetime figures are composed once per ledger change and served from the store in between.</summary>
public sealed class LifetimeFiguresTests
{
    const double Delta = 1e-5;

    static PrivacyEvent Run(long steps) => new SelfComposedEvent(new PoissonSampledEvent(0.01, new GaussianEvent(1.1)), steps);

    static (ServerStore Store, DatasetLedger Ledger, DatasetRecord Dataset) Setup()
    {
        string directory = Path.Combine(TestFiles.NewTempDirectory(), "data");
        var store = new ServerStore(directory);
        var ledger = new DatasetLedger(Options.Create(new SynthDataServerOptions { DataDirectory = directory }), store);
        string tenant = store.TenantKeys.EnsureTenant("acme");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = tenant, Name = "t", Format = "csv", RowCount = 4000, SchemaJson = "{}", PolicyId = "default", Fingerprint = "", RawPath = "/nowhere.csv", Erased = false, CreatedAt = DateTimeOffset.UtcNow, LedgerKey = $"{tenant}/fingerprint" };
        store.Datasets.Insert(dataset);
        return (store, ledger, dataset);
    }

    static double Composed(params PrivacyEvent[] events) => new BestOfAccountants().GetEpsilon(new ComposedEvent(events), Delta).Epsilon;

    [Fact]
    public void A_new_charge_gives_a_new_figure_and_reads_in_between_do_not_recompose()
    {
        var (store, ledger, dataset) = Setup();
        string key = DatasetLedger.KeyOf(dataset);
        Assert.True(ledger.Ledger.TryReserve(key, "run-1", Run(500), 10, Delta).Admitted);
        ledger.Ledger.Settle("run-1", Run(500));

        var first = ledger.Status(dataset, 10);
        long compositions = store.LifetimeFigures.Compositions;
        Assert.Equal(Composed(Run(500)), first.SpentEpsilon, 9);
        for (int i = 0; i < 5; i++) Assert.Equal(first.SpentEpsilon, ledger.Status(dataset, 10).SpentEpsilon);
        Assert.Equal(compositions, store.LifetimeFigures.Compositions); // served from the store

        // A reservation is committed but not spent; its settlement is spent. A stale figure fails either assertion.
        Assert.True(ledger.Ledger.TryReserve(key, "run-2", Run(2000), 10, Delta).Admitted);
        var reserved = ledger.Status(dataset, 10);
        Assert.Equal(first.SpentEpsilon, reserved.SpentEpsilon, 9);
        Assert.Equal(Composed(Run(500), Run(2000)), reserved.CommittedEpsilon, 9);
        ledger.Ledger.Settle("run-2", Run(1000));
        var settled = ledger.Status(dataset, 10);
        Assert.Equal(Composed(Run(500), Run(1000)), settled.SpentEpsilon, 9);
        Assert.True(settled.SpentEpsilon > first.SpentEpsilon);
        Assert.Equal(compositions + 2, store.LifetimeFigures.Compositions);

        // Another store instance on the same database (a restart, another replica) finds the figure composed.
        var other = new DatasetLedger(Options.Create(new SynthDataServerOptions { DataDirectory = store.DataDirectory }), new ServerStore(store.DataDirectory));
        Assert.Equal(settled.SpentEpsilon, other.Status(dataset, 10).SpentEpsilon);
    }

    [Fact]
    public void A_released_reservation_changes_the_revision()
    {
        var (_, ledger, dataset) = Setup();
        string key = DatasetLedger.KeyOf(dataset);
        Assert.True(ledger.Ledger.TryReserve(key, "run-1", Run(800), 10, Delta).Admitted);
        Assert.Equal(Composed(Run(800)), ledger.Status(dataset, 10).CommittedEpsilon, 9);
        ledger.Ledger.ReleaseReservation("run-1");
        Assert.Equal(0, ledger.Status(dataset, 10).CommittedEpsilon);
    }
}
