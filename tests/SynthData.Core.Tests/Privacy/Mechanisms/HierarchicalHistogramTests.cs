using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tests.Privacy.Mechanisms;

public class HierarchicalHistogramTests
{
    [Fact]
    public void Every_node_gets_noise_of_sigma_times_the_square_root_of_the_levels()
    {
        // One row adds 1 to one node per level: L2 sensitivity sqrt(levels), and the event is that of the multiplier.
        const double sigma = 2.5;
        var tree = new HierarchicalHistogram(sigma, bins: 100);
        Assert.Equal(128, tree.Leaves);
        var noise = new SeededNoiseSource(17);
        var deviations = new List<double>();
        MechanismRecord? record = null;
        for (int r = 0; r < 10; r++)
        {
            var output = tree.Release([], noise, "x", "test");
            deviations.AddRange(output.Value.Skip(1));
            record = output.Record;
        }
        NoiseStatistics.AssertNormalNoise(deviations, sigma * Math.Sqrt(tree.Levels));
        Assert.Equal(new GaussianEvent(sigma), record!.Event);
    }

    [Fact]
    public void Counts_every_row_once_per_level()
    {
        var tree = new HierarchicalHistogram(1e-9, bins: 5);
        var counts = tree.Release([0, 0, 3, 4], new SeededNoiseSource(1), "x", "test").Value;
        Assert.Equal(4, counts[1], 6);                      // root
        Assert.Equal(2, counts[tree.Leaves + 0], 6);        // bin 0
        Assert.Equal(1, counts[tree.Leaves + 4], 6);        // bin 4
        Assert.Equal(0, counts[tree.Leaves + 7], 6);        // padding
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Release([5], new SeededNoiseSource(1), "x", "test"));
    }

    [Fact]
    public void Consistency_makes_parents_sum_their_children_and_a_wide_range_as_accurate_as_one_node()
    {
        const double sigma = 1.0;
        var tree = new HierarchicalHistogram(sigma, bins: 64);
        var noise = new SeededNoiseSource(5);
        double rawError = 0, fittedError = 0;
        const int trials = 200;
        for (int t = 0; t < trials; t++)
        {
            var noisy = tree.Release([], noise, "x", "test").Value;
            var fitted = tree.Consistent(noisy);
            for (int node = 1; node < tree.Leaves; node++)
                Assert.Equal(fitted[node], fitted[2 * node] + fitted[2 * node + 1], 9);
            // The left half of the bins (true count 0): 32 raw leaves sum 32 noises; the fit is a node's estimate.
            double raw = 0, fit = 0;
            for (int leaf = 0; leaf < 32; leaf++) { raw += noisy[tree.Leaves + leaf]; fit += fitted[tree.Leaves + leaf]; }
            rawError += raw * raw / trials;
            fittedError += fit * fit / trials;
        }
        double s2 = tree.NodeNoiseStandardDeviation * tree.NodeNoiseStandardDeviation;
        // Raw: variance 32 s^2. Fitted: at most one node's s^2 (least squares never does worse than the node's own
        // count); 200 trials give the mean square a relative sd of 0.1, so 2 s^2 is 10 sd above the bound.
        Assert.InRange(rawError, 20 * s2, 45 * s2);
        Assert.True(fittedError < 2 * s2, $"fitted mean square {fittedError / s2:F2} s^2");
    }
}
