using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Tabular;
using Xunit;

namespace SynthData.Core.Tests.Model.Training;

public sealed class PrivacyPlanTests
{
    // Three undeclared categorical columns (each a DP label histogram with a threshold delta) and an undeclared number.
    static readonly TableSchema Schema = new([
        new ColumnSchema { Name = "a", Kind = ColumnKind.Categorical },
        new ColumnSchema { Name = "b", Kind = ColumnKind.Categorical },
        new ColumnSchema { Name = "c", Kind = ColumnKind.Boolean },
        new ColumnSchema { Name = "x", Kind = ColumnKind.Continuous },
    ]);

    [Theory]
    [InlineData(10L)]
    [InlineData(1_000L)]
    [InlineData(100_000L)]
    [InlineData(900_000L)]
    [InlineData(1_000_000L)]
    [InlineData(10_000_000L)]
    public void A_run_with_the_default_delta_is_feasible_at_every_size(long rows)
    {
        // Plan only: no training. Before, 1/(10 N) met the fixed 1e-7 threshold delta per column near a million rows.
        var plan = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 1, BatchSize = (int)Math.Min(rows / 2, 1024) }, Schema, rows);
        Assert.Equal(DeltaPolicy.Default(rows), plan.Delta);
        Assert.NotNull(plan.Calibrated);
        Assert.True(plan.Calibrated!.Epsilon <= 1 + 1e-9, $"epsilon {plan.Calibrated.Epsilon}");
        // The label thresholds set aside at most a tenth of delta together.
        Assert.True(3 * plan.Preprocessing.CategoryThresholdDelta <= plan.Delta / 10 * (1 + 1e-12));
    }

    [Fact]
    public void Small_tables_keep_the_configured_threshold_delta()
    {
        var plan = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 3 }, Schema, 4_000);
        Assert.Equal(new TrainingConfiguration().Preprocessing.CategoryThresholdDelta, plan.Preprocessing.CategoryThresholdDelta);
    }

    [Fact]
    public void A_small_table_with_undeclared_columns_gives_preprocessing_more_of_epsilon_and_the_total_still_holds()
    {
        // 800 rows at epsilon 1: 20% leaves a noise multiplier far above N / 100, so the rule takes its 40% cap.
        var chosen = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 1 }, Schema, 800);
        var fixedShare = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 1, PreprocessingEpsilonShare = 0.2 }, Schema, 800);
        var cap = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 1, PreprocessingEpsilonShare = 0.4 }, Schema, 800);
        Assert.True(chosen.Preprocessing.CategoryNoiseMultiplier < fixedShare.Preprocessing.CategoryNoiseMultiplier);
        Assert.Equal(cap.Preprocessing.CategoryNoiseMultiplier, chosen.Preprocessing.CategoryNoiseMultiplier);
        Assert.True(chosen.Calibrated!.Epsilon <= 1 + 1e-9);
        Assert.True(chosen.NoiseMultiplier > fixedShare.NoiseMultiplier); // DP-SGD pays for it
    }

    [Fact]
    public void A_large_table_keeps_the_fifth_and_an_explicit_share_is_kept()
    {
        var chosen = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 3 }, Schema, 1_000_000);
        var fifth = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 3, PreprocessingEpsilonShare = 0.2 }, Schema, 1_000_000);
        Assert.Equal(fifth.Preprocessing, chosen.Preprocessing);
        var explicitShare = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 1, PreprocessingEpsilonShare = 0.1 }, Schema, 800);
        var chosenSmall = PrivacyPlan.Create(new TrainingConfiguration { Epsilon = 1 }, Schema, 800);
        Assert.True(explicitShare.Preprocessing.CategoryNoiseMultiplier > chosenSmall.Preprocessing.CategoryNoiseMultiplier);
    }
}
