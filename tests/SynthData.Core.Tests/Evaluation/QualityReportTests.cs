using SynthData.Core.Evaluation;

namespace SynthData.Core.Tests.Evaluation;

public class QualityReportTests
{
    [Fact]
    public void IdenticalTablesScoreOne()
    {
        var real = CorrelatedTable.Create(500, seed: 1);
        var report = QualityReport.Compute(real, real);
        Assert.Equal(4, report.ColumnShapes.Count); // the identifier is not modelled
        Assert.Equal(6, report.PairTrends.Count);
        Assert.All(report.ColumnShapes, s => Assert.Equal(1.0, s.Score, 12));
        Assert.All(report.PairTrends, p => Assert.Equal(1.0, p.Score, 12));
        Assert.Equal(1.0, report.Overall, 12);
    }

    [Fact]
    public void UsesTheMetricOfEachColumnKind()
    {
        var real = CorrelatedTable.Create(200, seed: 2);
        var report = QualityReport.Compute(real, real);
        Assert.Equal(["KSComplement", "KSComplement", "TVComplement", "KSComplement"], report.ColumnShapes.Select(s => s.Metric));
        var metrics = report.PairTrends.ToDictionary(p => (p.FirstColumn, p.SecondColumn), p => p.Metric);
        Assert.Equal("CorrelationSimilarity", metrics[("x", "y")]);
        Assert.Equal("ContingencySimilarity", metrics[("x", "group")]);
        Assert.Equal("ContingencySimilarity", metrics[("group", "count")]);
    }

    [Fact]
    public void ShufflingColumnsKeepsShapesButBreaksPairTrends()
    {
        var real = CorrelatedTable.Create(2000, seed: 3);
        var shuffled = CorrelatedTable.ShuffleColumns(real, seed: 4);
        var report = QualityReport.Compute(real, shuffled);

        // Permutations keep every column's multiset of values exactly.
        Assert.Equal(1.0, report.ShapeScore, 12);
        // Real |r(x, y)| ~ 0.98; after shuffling r is O(1/sqrt(2000)) ~ 0.02, so the score is about
        // 1 - 0.98/2 ~ 0.51. A margin of 0.1 covers several standard errors.
        var xy = report.PairTrends.Single(p => p.FirstColumn == "x" && p.SecondColumn == "y");
        Assert.InRange(xy.Score, 0.45, 0.61);
        Assert.True(report.PairTrendScore < 0.8, $"pair trend {report.PairTrendScore}");
        Assert.Equal((report.ShapeScore + report.PairTrendScore) / 2, report.Overall, 12);
    }
}
