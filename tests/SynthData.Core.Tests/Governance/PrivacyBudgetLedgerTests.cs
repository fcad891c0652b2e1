using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Rdp;
using SynthData.Core.Tests.Tabular;
using Xunit;

namespace SynthData.Core.Tests.Governance;

public sealed class PrivacyBudgetLedgerTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    static readonly RdpAccountant Rdp = new();
    const double Delta = 1e-6;
    static PrivacyEvent Run(long steps) => NoiseCalibrator.TrainingEvent(0.01, 1.0, steps);

    static double Compose(IEnumerable<PrivacyEvent> events) => Rdp.GetEpsilon(new ComposedEvent(events.ToArray()), Delta).Epsilon;

    [Fact]
    public async Task Sixteen_concurrent_admissions_against_a_budget_for_three_admit_exactly_three()
    {
        var ledger = PrivacyBudgetLedger.Open(_files.PathOf("ledger.db"), Rdp);
        // The budget sits halfway between the composition of 3 runs and of 4, computed with the same accountant.
        double three = Compose(Enumerable.Repeat(Run(1000), 3)), four = Compose(Enumerable.Repeat(Run(1000), 4));
        Assert.True(three < four);
        double budget = (three + four) / 2;
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            PrivacyBudgetLedger.Open(_files.PathOf("ledger.db"), Rdp).TryReserve("ds", $"run-{i}", Run(1000), budget, Delta))).ToArray();
        var results = await Task.WhenAll(attempts);
        Assert.Equal(3, results.Count(r => r.Admitted));
        Assert.Equal(3, ledger.Entries("ds").Count);
        Assert.True(ledger.LifetimeEpsilon("ds", Delta) <= budget);
    }

    [Fact]
    public void A_run_that_fails_halfway_is_charged_for_its_steps_and_the_lifetime_is_the_composition()
    {
        var path = _files.PathOf("ledger.db");
        var ledger = PrivacyBudgetLedger.Open(path, Rdp);
        var preprocessing = new GaussianEvent(20);
        Assert.True(ledger.TryReserve("ds", "a", new ComposedEvent([preprocessing, Run(1000)]), 100, Delta).Admitted);
        Assert.True(ledger.TryReserve("ds", "b", new ComposedEvent([preprocessing, Run(1000)]), 100, Delta).Admitted);
        ledger.Settle("a", new ComposedEvent([preprocessing, Run(1000)]));
        ledger.Settle("b", new ComposedEvent([preprocessing, Run(420)])); // failed after 420 of 1000 steps

        var reopened = PrivacyBudgetLedger.Open(path, Rdp);
        var entries = reopened.Entries("ds");
        Assert.All(entries, e => Assert.Equal(LedgerState.Charged, e.State));
        double expected = Compose([preprocessing, Run(1000), preprocessing, Run(420)]);
        Assert.Equal(expected, reopened.LifetimeEpsilon("ds", Delta), 9);
        // Composition is tighter than adding the two runs' epsilons, and the partial run costs less than a full one.
        double added = Compose([preprocessing, Run(1000)]) + Compose([preprocessing, Run(420)]);
        Assert.True(expected < added);
        Assert.True(expected < Compose([preprocessing, Run(1000), preprocessing, Run(1000)]));
        Assert.Equal(0, reopened.LifetimeEpsilon("other", Delta));
    }

    [Fact]
    public void A_denied_reservation_reports_the_composed_figure_and_records_nothing()
    {
        var ledger = PrivacyBudgetLedger.Open(_files.PathOf("ledger.db"), Rdp);
        double one = Compose([Run(1000)]), two = Compose([Run(1000), Run(1000)]);
        double budget = (one + two) / 2;
        Assert.True(ledger.TryReserve("ds", "a", Run(1000), budget, Delta).Admitted);
        var denied = ledger.TryReserve("ds", "b", Run(1000), budget, Delta);
        Assert.False(denied.Admitted);
        Assert.Equal(two, denied.LifetimeEpsilonWithRun, 9);
        Assert.Equal(budget, denied.LifetimeBudget);
        Assert.Equal(["a"], ledger.Entries("ds").Select(e => e.RunId));
        Assert.Equal(one, ledger.LifetimeEpsilon("ds", Delta), 9);
    }

    [Fact]
    public void A_released_reservation_costs_nothing_and_a_run_is_settled_only_once()
    {
        var ledger = PrivacyBudgetLedger.Open(_files.PathOf("ledger.db"), Rdp);
        Assert.True(ledger.TryReserve("ds", "kept", Run(1000), 100, Delta).Admitted);
        Assert.True(ledger.TryReserve("ds", "given-back", Run(1000), 100, Delta).Admitted);
        ledger.ReleaseReservation("given-back");
        Assert.Equal(Compose([Run(1000)]), ledger.LifetimeEpsilon("ds", Delta), 9);
        Assert.Equal(LedgerState.Released, ledger.Entries("ds").Single(e => e.RunId == "given-back").State);

        ledger.Settle("kept", Run(500));
        // A second settlement could lower a charge after the fact; settling a released run could resurrect it.
        Assert.Throws<InvalidOperationException>(() => ledger.Settle("kept", Run(1)));
        Assert.Throws<InvalidOperationException>(() => ledger.Settle("given-back", Run(1000)));
        Assert.Throws<InvalidOperationException>(() => ledger.ReleaseReservation("kept"));
        Assert.Throws<InvalidOperationException>(() => ledger.Settle("no-such-run", Run(1)));
        Assert.Equal(Compose([Run(500)]), ledger.LifetimeEpsilon("ds", Delta), 9);
    }

    [Fact]
    public void A_dataset_keeps_the_budget_and_delta_of_its_first_reservation_and_may_only_tighten()
    {
        var path = _files.PathOf("ledger.db");
        var ledger = PrivacyBudgetLedger.Open(path, Rdp);
        double one = Compose([Run(1000)]), two = Compose([Run(1000), Run(1000)]);
        double tight = (one + two) / 2;
        Assert.True(ledger.TryReserve("ds", "a", Run(1000), tight, Delta).Admitted);
        // A later request with a looser budget and a larger delta is still held to the recorded ones.
        var second = PrivacyBudgetLedger.Open(path, Rdp).TryReserve("ds", "b", Run(1000), tight * 10, Delta * 100);
        Assert.False(second.Admitted);
        Assert.Equal(tight, second.LifetimeBudget);
        Assert.Equal(Delta, second.Delta);
        Assert.Equal(two, second.LifetimeEpsilonWithRun, 9);
        var recorded = ledger.Budget("ds")!;
        Assert.Equal((tight, Delta), (recorded.LifetimeBudget, recorded.Delta));
        Assert.Null(ledger.Budget("other"));
    }

    [Fact]
    public void A_tightened_budget_is_stored_so_a_later_looser_policy_cannot_spend_beyond_it()
    {
        var path = _files.PathOf("ledger.db");
        double one = Compose([Run(1000)]), two = Compose([Run(1000), Run(1000)]), three = Compose(Enumerable.Repeat(Run(1000), 3));
        double loose = three * 2, tight = (two + three) / 2;
        var ledger = PrivacyBudgetLedger.Open(path, Rdp);
        Assert.True(ledger.TryReserve("ds", "a", Run(1000), loose, Delta).Admitted);
        // The policy is tightened: this admission is held to the tighter budget, and the ledger keeps it.
        var tightened = ledger.TryReserve("ds", "b", Run(1000), tight, Delta);
        Assert.True(tightened.Admitted);
        Assert.Equal(tight, tightened.LifetimeBudget);
        Assert.Equal(tight, ledger.Budget("ds")!.LifetimeBudget);

        // The policy is loosened again: a third run would fit the loose budget but not the stored tight one.
        var third = PrivacyBudgetLedger.Open(path, Rdp).TryReserve("ds", "c", Run(1000), loose, Delta);
        Assert.False(third.Admitted);
        Assert.Equal(tight, third.LifetimeBudget);
        Assert.Equal(three, third.LifetimeEpsilonWithRun, 9);
        Assert.True(ledger.LifetimeEpsilon("ds", Delta) <= tight);
        Assert.True(one < tight);
    }

    [Fact]
    public void A_tightening_that_denies_its_own_run_is_still_stored()
    {
        var ledger = PrivacyBudgetLedger.Open(_files.PathOf("ledger.db"), Rdp);
        double one = Compose([Run(1000)]), two = Compose([Run(1000), Run(1000)]);
        Assert.True(ledger.TryReserve("ds", "a", Run(1000), two * 4, Delta).Admitted);
        double tight = (one + two) / 2;
        Assert.False(ledger.TryReserve("ds", "b", Run(1000), tight, Delta).Admitted);
        Assert.Equal(tight, ledger.Budget("ds")!.LifetimeBudget);
        Assert.Equal(["a"], ledger.Entries("ds").Select(e => e.RunId));
        Assert.False(ledger.TryReserve("ds", "c", Run(1000), two * 4, Delta).Admitted);
    }

    [Fact]
    public async Task A_reservation_waits_for_another_writer_instead_of_failing()
    {
        var path = _files.PathOf("ledger.db");
        var ledger = PrivacyBudgetLedger.Open(path, Rdp);
        // Another writer (as another process would) holds the write lock.
        using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        other.Open();
        using (var begin = other.CreateCommand()) { begin.CommandText = "BEGIN IMMEDIATE"; begin.ExecuteNonQuery(); }
        var reservation = Task.Run(() => ledger.TryReserve("ds", "a", Run(1000), 100, Delta));
        // It cannot finish while the lock is held, however long we wait; it must not fail either.
        await Task.Delay(300);
        Assert.False(reservation.IsCompleted);
        using (var commit = other.CreateCommand()) { commit.CommandText = "COMMIT"; commit.ExecuteNonQuery(); }
        Assert.True((await reservation).Admitted);
    }
}
