using MathNet.Numerics.Distributions;
using SynthData.Core.Drift;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Synthesis;
using SynthData.Core.Privacy.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace SynthData.Core.Tests.Drift;

public sealed class DriftCheckTests(DriftPopulation population, ITestOutputHelper output) : IClassFixture<DriftPopulation>
{
    const double Delta = 1e-5;
    static readonly DriftSettings Settings = new() { Seed = 11 };

    (DriftReport Report, SynthData.Core.Privacy.MechanismRecord Record) Check(int seed, bool drifted, DriftSettings? settings = null)
    {
        var result = DriftCheck.Run(population.Model, population.Draw(4_000, seed, drifted), (settings ?? Settings) with { Seed = seed },
            Delta, RunRandomness.Reproducible(seed));
        foreach (var c in result.Report.Columns)
            output.WriteLine($"seed {seed} drifted={drifted}: {c.Column,-8} {c.Distance} {c.Observed:F3} [{c.Lower:F3}, {c.Upper:F3}] {c.Status}");
        return result;
    }

    [Fact]
    public void A_table_drawn_like_the_training_rows_drifts_in_no_column()
    {
        var (report, _) = Check(seed: 100, drifted: false);
        Assert.Empty(report.Drifted);
        Assert.False(report.RetrainRecommended);
        Assert.StartsWith("Not yet", report.Recommendation);
    }

    [Fact]
    public void Over_repeated_draws_each_column_false_alarms_at_most_at_its_level()
    {
        // Each column's interval holds at level a / C (Bonferroni, a = 0.05, C = 4 columns), and a column is flagged only
        // when the interval lies above the tolerance, so under no drift a flag has probability at most a / C. Over n
        // independent draws the count of flags per column is then stochastically below Binomial(n, a / C); we accept any
        // count up to that binomial's 0.999 quantile (a correct check fails this test with probability below 0.001 per column).
        const int draws = 20;
        var alarms = new Dictionary<string, int>();
        for (int seed = 200; seed < 200 + draws; seed++)
            foreach (var column in Check(seed, drifted: false).Report.Drifted)
                alarms[column] = alarms.GetValueOrDefault(column) + 1;
        double level = Settings.FalseAlarmLevel / population.Model.Transformer.Columns.Count;
        int allowed = 0;
        while (Binomial.CDF(level, draws, allowed) < 0.999) allowed++;
        foreach (var (column, count) in alarms) Assert.True(count <= allowed, $"{column}: {count} false alarms in {draws} draws, at most {allowed} allowed");
    }

    [Fact]
    public void A_shifted_numeric_and_a_reweighted_label_column_are_flagged_and_nothing_else()
    {
        var (report, _) = Check(seed: 300, drifted: true);
        Assert.Equal(["amount", "plan"], report.Drifted.Order());
        Assert.True(report.RetrainRecommended);
        Assert.StartsWith("Retrain", report.Recommendation);
        // The true distances (0.383 KS, 0.3 TV) lie inside their intervals, up to the model's own error.
        var amount = report.Columns.Single(c => c.Column == "amount");
        Assert.InRange(0.383, amount.Lower - 0.05, amount.Upper + 0.05);
        var plan = report.Columns.Single(c => c.Column == "plan");
        Assert.InRange(0.3, plan.Lower - 0.05, plan.Upper + 0.05);
    }

    [Fact]
    public void The_released_histograms_are_the_exact_counts_plus_noise_of_the_stated_scale()
    {
        // The release must differ from the exact counts by independent N(0, sd^2) noise, sd = m sqrt(C). Over 20 releases
        // of ~30 bins the standardised differences' mean square is a chi-square over k ~ 600 degrees of freedom divided
        // by k: within 1 +- 0.35 (over 6 of its standard deviations sqrt(2/k) = 0.058). Without noise it is 0.
        var table = population.Draw(2_000, seed: 400, drifted: false);
        var bins = DriftBins.For(population.Model.Transformer, Settings.MaxNumericBins);
        var noise = DriftNoise.For(Settings.Epsilon, Delta, bins.Count);
        Assert.True(noise.CountStandardDeviation > 1);
        var exact = bins.Select(b => b.CountsOf(table)).ToArray();
        double sumSquares = 0;
        int k = 0;
        for (int release = 0; release < 20; release++)
        {
            var released = DriftMeasurement.Release(table, bins, noise, RunRandomness.Reproducible(release).Noise("drift-histograms"));
            Assert.Equal(DriftMeasurement.LedgerName, released.Record.Name);
            Assert.Equal(noise.Event, released.Record.Event);
            for (int c = 0; c < bins.Count; c++)
                for (int i = 0; i < exact[c].Length; i++, k++)
                    sumSquares += Math.Pow((released.Value[c][i] - exact[c][i]) / noise.CountStandardDeviation, 2);
        }
        Assert.InRange(sumSquares / k, 0.65, 1.35);
    }

    [Fact]
    public void The_noise_meets_the_requested_epsilon_at_sensitivity_root_C()
    {
        var noise = DriftNoise.For(0.5, Delta, columns: 4);
        Assert.Equal(2.0, noise.L2Sensitivity, 12);
        Assert.InRange(noise.Epsilon, 0.5 - 1e-6, 0.5);
        // A smaller multiplier would overspend: the calibration is the tightest that meets the target.
        Assert.True(SynthData.Core.Privacy.Accounting.ExactGaussian.Epsilon(noise.NoiseMultiplier * 0.99, 1, Delta) > 0.5);
    }

    [Fact]
    public void The_check_is_charged_to_the_ledger_and_composes_with_the_training_run()
    {
        var accountant = new BestOfAccountants();
        var ledger = PrivacyBudgetLedger.Open(population.TempPath($"ledger-{Guid.NewGuid():N}.db"), accountant);
        const string dataset = "ds_drifttest";
        var training = RunCharges.Recorded(population.Model.Manifest.Ledger);
        double delta = population.Model.Manifest.Plan.Delta;
        Assert.True(ledger.TryReserve(dataset, "run-training", training, 100, delta).Admitted);
        ledger.Settle("run-training", training);
        double trainingEpsilon = ledger.LifetimeEpsilon(dataset, delta);

        var noise = DriftCheck.NoiseFor(population.Model, Settings, LedgeredDriftCheck.DeltaFor(ledger, dataset, population.Model));
        var cost = LedgeredDriftCheck.Cost(ledger, accountant, dataset, noise, lifetimeBudget: 100);
        Assert.Equal(trainingEpsilon, cost.LifetimeBefore, 9);
        var result = LedgeredDriftCheck.Run(ledger, cost, population.Model, population.Draw(2_000, 500, false), Settings, noise, RunRandomness.Reproducible(500));

        Assert.False(result.Refused);
        var entry = Assert.Single(ledger.Entries(dataset), e => e.RunId == result.RunId);
        Assert.Equal(LedgerState.Charged, entry.State);
        double lifetime = ledger.LifetimeEpsilon(dataset, delta);
        // The cost shown before the check is what the ledger holds after it: the accountant's composition of both runs,
        // more than either alone and less than the sum of their epsilons.
        Assert.Equal(cost.LifetimeAfter, lifetime, 9);
        Assert.Equal(accountant.GetEpsilon(new ComposedEvent([training, noise.Event]), delta).Epsilon, lifetime, 9);
        Assert.True(lifetime > Math.Max(trainingEpsilon, noise.Epsilon));
        Assert.True(lifetime < trainingEpsilon + noise.Epsilon, $"composed {lifetime} against the sum {trainingEpsilon + noise.Epsilon}");
    }

    [Fact]
    public void A_check_over_the_budget_is_refused_before_reading_a_row()
    {
        var accountant = new BestOfAccountants();
        var ledger = PrivacyBudgetLedger.Open(population.TempPath($"ledger-{Guid.NewGuid():N}.db"), accountant);
        const string dataset = "ds_drifttest";
        var training = RunCharges.Recorded(population.Model.Manifest.Ledger);
        double delta = population.Model.Manifest.Plan.Delta;
        double budget = accountant.GetEpsilon(training, delta).Epsilon + 0.01;
        Assert.True(ledger.TryReserve(dataset, "run-training", training, budget, delta).Admitted);
        ledger.Settle("run-training", training);

        var noise = DriftCheck.NoiseFor(population.Model, Settings, delta);
        var cost = LedgeredDriftCheck.Cost(ledger, accountant, dataset, noise, budget);
        Assert.False(cost.WithinBudget);
        var result = LedgeredDriftCheck.Run(ledger, cost, population.Model, population.Draw(500, 501, false), Settings, noise, RunRandomness.Reproducible(501));

        Assert.True(result.Refused);
        Assert.Single(ledger.Entries(dataset));
    }
}
