using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tests.Privacy.Mechanisms;

public class DpQuantilesTests
{
    [Fact]
    public void EstimatesLieNearTheEmpiricalQuantiles()
    {
        const int n = 20_000;
        const double sigma = 5.0;
        var rng = new Random(8);
        var values = Enumerable.Range(0, n).Select(_ => 50 + 10 * NormalDraw(rng)).ToArray();
        var sorted = values.Order().ToArray();
        var grid = HistogramGrid.SymmetricLog(binsPerDecade: 24);
        var tree = new HierarchicalHistogram(sigma, grid.BinCount);
        double[] levels = [0.005, 0.25, 0.5, 0.75, 0.995];

        var output = new DpQuantiles(sigma).Release(values, grid, levels, new SeededNoiseSource(4), "x");

        // Level error: the descent splits a node's mass by noisy children H times, each split off by at most the
        // node noise sd s = sigma * sqrt(levels), so 4 sd of the sum is 4 s sqrt(H); pruning moves at most the
        // threshold 3 s per level near the tails. Value error: one grid bin (10% relative width).
        double s = tree.NodeNoiseStandardDeviation;
        double levelSlack = (4 * s * Math.Sqrt(tree.Height) + DpQuantiles.PruneSigmas * s * tree.Height) / n;
        double binFactor = Math.Pow(10, 1.0 / 24);
        for (int i = 0; i < levels.Length; i++)
        {
            double lo = Empirical(sorted, levels[i] - levelSlack) / binFactor;
            double hi = Empirical(sorted, levels[i] + levelSlack) * binFactor;
            Assert.InRange(output.Value[i], lo, hi);
        }
        Assert.Equal(new GaussianEvent(sigma), output.Record.Event);
    }

    [Fact]
    public void EstimatesAreMonotoneAndEmptyDataFallsBackToZero()
    {
        double[] levels = [0, 0.1, 0.5, 0.9, 1];
        var output = new DpQuantiles(3).Release([], HistogramGrid.SymmetricLog(), levels, new SeededNoiseSource(2), "x");
        Assert.All(output.Value, q => Assert.Equal(0.0, q));

        var values = new[] { -5.0, 0, 0, 0, 7 }.SelectMany(v => Enumerable.Repeat(v, 2000)).ToArray();
        var q2 = new DpQuantiles(3).Release(values, HistogramGrid.SymmetricLog(), levels, new SeededNoiseSource(2), "x").Value;
        for (int i = 1; i < q2.Length; i++) Assert.True(q2[i] >= q2[i - 1]);
        Assert.Equal(0.0, q2[2]); // the zero bin is a point: a zero-inflated median is exactly 0
    }

    [Fact]
    public void UniformGridKeepsEstimatesInsideDeclaredBounds()
    {
        var rng = new Random(1);
        var values = Enumerable.Range(0, 5000).Select(_ => rng.NextDouble() * 100).ToArray();
        var output = new DpQuantiles(2).Release(values, HistogramGrid.Uniform(0, 100, 200), [0, 0.5, 1], new SeededNoiseSource(9), "x");
        Assert.All(output.Value, q => Assert.InRange(q, 0, 100));
        // The empirical median of 5000 uniforms has sd about 0.7; the descent's mass error (node noise 2 * sqrt(9)
        // = 6 rows over 8 splits: about 17 rows, 0.35% of the mass, 0.35 units) keeps the estimate well inside +-5.
        Assert.InRange(output.Value[1], 45, 55);
    }

    [Fact]
    public void A_value_held_by_most_rows_is_an_exact_atom_at_small_n_and_large_noise()
    {
        // pdays in the bank sample: 82% of rows are -1 (never contacted), the rest spread over 1..999. At 3,000 rows
        // and noise multiplier 35 (what a 4,000-row table's 20% preprocessing share of epsilon 3 gives) a flat
        // 256-bin histogram zeroes almost every bin; the tree keeps the atom and the spread.
        var rng = new Random(5);
        var values = Enumerable.Range(0, 3000).Select(_ => rng.NextDouble() < 0.82 ? -1.0 : 1 + Math.Floor(400 * rng.NextDouble())).ToArray();
        var sorted = values.Order().ToArray();
        var levels = Enumerable.Range(0, 64).Select(j => j / 63.0).ToArray();
        var grid = HistogramGrid.Integers(-1, 999);
        var tree = new HierarchicalHistogram(35, grid.BinCount);
        var q = new DpQuantiles(35).Release(values, grid, levels, new SeededNoiseSource(3), "pdays").Value;

        // Levels up to 0.82 minus the descent's mass error (4 sd: 4 s sqrt(H) rows) are exactly the atom.
        double slack = 4 * tree.NodeNoiseStandardDeviation * Math.Sqrt(tree.Height) / values.Length;
        for (int j = 0; j < levels.Length && levels[j] < 0.82 - slack; j++) Assert.Equal(-1.0, q[j]);
        Assert.All(q, v => Assert.Equal(Math.Round(v), v)); // point bins: every knot is an integer
        // The spread part keeps its scale: the 95% knot is within the empirical quantiles at 0.95 -+ the slack plus pruning.
        int k95 = Array.FindIndex(levels, l => l >= 0.95);
        double pruneSlack = DpQuantiles.PruneSigmas * tree.NodeNoiseStandardDeviation * tree.Height / values.Length;
        Assert.InRange(q[k95], Empirical(sorted, levels[k95] - slack - pruneSlack), Empirical(sorted, levels[k95] + slack + pruneSlack));
    }

    [Fact]
    public void Integer_grids_put_each_small_integer_in_its_own_point_bin()
    {
        var grid = HistogramGrid.IntegersThenLog(pointsUpTo: 64, binsPerDecade: 24);
        foreach (int v in new[] { -64, -1, 0, 1, 40, 64 })
            Assert.Equal((double)v, grid.Range(grid.BinOf(v)).Lower);
        foreach (int v in new[] { -64, -1, 0, 40, 64 })
            Assert.Equal(grid.Range(grid.BinOf(v)).Lower, grid.Range(grid.BinOf(v)).Upper);
        var (lower, upper) = grid.Range(grid.BinOf(1000));
        Assert.InRange(1000, lower, upper);
        Assert.True(upper / lower < Math.Pow(10, 1.0 / 24) + 1e-9);
        Assert.Equal(0, grid.BinOf(-1e30)); // beyond the span: the end bins
        Assert.Equal(grid.BinCount - 1, grid.BinOf(1e30));
    }

    static double Empirical(double[] sorted, double level)
    {
        int index = (int)Math.Clamp(Math.Floor(level * (sorted.Length - 1)), 0, sorted.Length - 1);
        return sorted[index];
    }

    static double NormalDraw(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
