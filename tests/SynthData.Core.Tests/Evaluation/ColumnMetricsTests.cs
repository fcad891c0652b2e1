using SynthData.Core.Evaluation;

namespace SynthData.Core.Tests.Evaluation;

public class ColumnMetricsTests
{
    [Fact]
    public void KSComplementMatchesAHandComputedValue()
    {
        // Real CDF at 1,2,3,4,5: .25 .5 .75 1 1; synthetic (NaN ignored): 0 1/3 2/3 2/3 1.
        // Largest gap 1/3 at 4, so KSComplement = 2/3.
        Assert.Equal(2.0 / 3, ColumnShapeMetrics.KSComplement([1, 2, 3, 4], [2, 3, 5, double.NaN]), 12);
        Assert.Equal(1.0, ColumnShapeMetrics.KSComplement([1, 1, 2], [2, 1, 1]), 12);
        Assert.Equal(0.0, ColumnShapeMetrics.KSComplement([1, 2], [3, 4]), 12);
    }

    [Fact]
    public void TVComplementCountsMissingAsACategory()
    {
        // Real shares a .5, b .25, missing .25; synthetic a .25, b .75: TV = (.25 + .5 + .25)/2.
        Assert.Equal(0.5, ColumnShapeMetrics.TVComplement(["a", "a", "b", null], ["a", "b", "b", "b"]), 12);
    }

    [Fact]
    public void ContingencySimilarityMatchesAHandComputedValue()
    {
        // Real cells (0,0) (0,1) (1,0) (1,1) a quarter each; synthetic (0,0) .5, (0,1) .25, (1,1) .25.
        // Sum of |differences| = .25 + 0 + .25 + 0 = .5, halved = .25.
        Assert.Equal(0.75, ColumnPairMetrics.ContingencySimilarity([0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 0, 1], [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void CorrelationSimilarityIsZeroForOppositeCorrelations()
    {
        Assert.Equal(0.0, ColumnPairMetrics.CorrelationSimilarity([1, 2, 3], [1, 2, 3], [1, 2, 3], [3, 2, 1])!.Value, 12);
        Assert.Null(ColumnPairMetrics.CorrelationSimilarity([1, 1, 1], [1, 2, 3], [1, 2, 3], [3, 2, 1]));
    }

    [Fact]
    public void QuantileBinsUseTheRealDeciles()
    {
        var bins = new QuantileBins(Enumerable.Range(1, 11).Select(i => (double)i).ToArray(), 10);
        // Deciles of 1..11 are 2, 3, ..., 10; bin k holds (edge_{k-1}, edge_k].
        Assert.Equal(0, bins.Code(double.NaN));
        Assert.Equal(1, bins.Code(-100));
        Assert.Equal(1, bins.Code(2));
        Assert.Equal(2, bins.Code(2.5));
        Assert.Equal(10, bins.Code(11));
        Assert.Equal(10, bins.Code(1e9));
    }
}
