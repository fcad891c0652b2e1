using SynthData.Core.Drift;
using SynthData.Server.Lifecycle;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>Which drift check a model's report and card show: the lineage's latest one that finished before its training.</summary>
public sealed class DriftHistoryTests
{
    static readonly DateTimeOffset Trained = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    static DriftCheckRecord Check(string id, DateTimeOffset? finished, bool withResult = true) => new(id, "t", "model_a", "ds_2", "t/key",
        withResult ? new DriftCheckResult(0.5, 1e-5, 2.1, [new ColumnDrift("balance", DriftDistanceKind.KolmogorovSmirnov, 0.3, 0.2, 0.4, DriftStatus.Drifted),
            new ColumnDrift("age", DriftDistanceKind.KolmogorovSmirnov, 0.01, 0, 0.05, DriftStatus.Stable)], true, "Retrain: ...").ToJson() : null,
        Trained.AddDays(-10), finished);

    [Fact]
    public void The_latest_check_finished_before_training_is_shown_with_its_drifted_columns_only()
    {
        var finding = DriftHistory.Latest([Check("old", Trained.AddDays(-5)), Check("latest", Trained.AddDays(-1)),
            Check("after", Trained.AddHours(1)), Check("unfinished", null), Check("failed", Trained.AddHours(-1), withResult: false)], Trained);
        Assert.NotNull(finding);
        Assert.Equal("latest", finding.CheckId);
        Assert.Equal(["balance"], finding.DriftedColumns.Select(c => c.Column));
        Assert.True(finding.RetrainRecommended);
    }

    [Fact]
    public void A_model_trained_before_any_check_finished_shows_none() =>
        Assert.Null(DriftHistory.Latest([Check("after", Trained.AddHours(1)), Check("unfinished", null)], Trained));
}
