using SynthData.Core.Evaluation;

namespace SynthData.Core.Tests.Evaluation;

public class IndependentMarginalsBaselineTests
{
    [Fact]
    public void KeepsMarginalsDropsRelationsAndIdentifiers()
    {
        var real = CorrelatedTable.Create(3000, seed: 8);
        var sample = IndependentMarginalsBaseline.Sample(real, 20000, seed: 9);

        Assert.Equal(20000, sample.RowCount);
        Assert.All(sample.Labels("id"), Assert.Null);
        var realX = real.Numeric("x").Where(v => !double.IsNaN(v)).ToHashSet();
        Assert.All(sample.Numeric("x").Where(v => !double.IsNaN(v)), v => Assert.Contains(v, realX));

        var report = QualityReport.Compute(real, sample);
        // Resampling 20000 values from 3000: the DKW inequality bounds the KS distance of the sample
        // to the real empirical CDF by sqrt(ln(2/0.001)/(2*20000)) ~ 0.014 with probability 0.999;
        // TV over 3 labels is smaller still. 0.02 leaves headroom.
        Assert.All(report.ColumnShapes, s => Assert.True(s.Score > 0.98, $"{s.Column}: {s.Score}"));
        var xy = report.PairTrends.Single(p => p.FirstColumn == "x" && p.SecondColumn == "y");
        Assert.True(xy.Score < 0.6, $"x-y correlation similarity {xy.Score}");
    }

    [Fact]
    public void SameSeedSameSample()
    {
        var real = CorrelatedTable.Create(100, seed: 10);
        var first = IndependentMarginalsBaseline.Sample(real, 50, seed: 11);
        var second = IndependentMarginalsBaseline.Sample(real, 50, seed: 11);
        Assert.Equal(first.Numeric("y"), second.Numeric("y"));
        Assert.Equal(first.Labels("group"), second.Labels("group"));
    }
}
