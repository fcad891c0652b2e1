using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tests.Privacy.Mechanisms;

public class DpQuantilesTests
{
    [Fact]
    public void HistogramNoiseHasTheRecordedScale()
    {
        // With no rows every bin's noisy count is pure noise N(0, sigma^2).
        const double sigma = 2.5;
        var quantiles = new DpQuantiles(sigma);
        var grid = HistogramGrid.SymmetricLog(binsPerDecade: 32);
        var noise = new SeededNoiseSource(17);
        var deviations = new List<double>();
        MechanismRecord? record = null;
        for (int r = 0; r < 10; r++)
        {
            var output = quantiles.NoisyHistogram([], grid, noise, "x");
            deviations.AddRange(output.Value);
            record = output.Record;
        }
        NoiseStatistics.AssertNormalNoise(deviations, sigma);
        Assert.Equal(new GaussianEvent(sigma), record!.Event);
    }

    [Fact]
    public void EstimatesLieNearTheEmpiricalQuantiles()
    {
        const int n = 20_000;
        const double sigma = 5.0;
        var rng = new Random(8);
        var values = Enumerable.Range(0, n).Select(_ => 50 + 10 * NormalDraw(rng)).ToArray();
        var sorted = values.Order().ToArray();
        var grid = HistogramGrid.SymmetricLog(binsPerDecade: 24);
        double[] levels = [0.005, 0.25, 0.5, 0.75, 0.995];

        var output = new DpQuantiles(sigma).Release(values, grid, levels, new SeededNoiseSource(4), "x");

        // Level error: the cumulative noise over the ~40 occupied bins has sd sigma * sqrt(40),
        // plus the mass of thin bins zeroed by the cutoff (< 5 sigma rows in each of a few tail
        // bins); allow 4 sd of the former plus 10 bins' worth of the latter. Value error: one
        // grid bin (10% relative width) for the interpolation inside a bin.
        double levelSlack = (4 * sigma * Math.Sqrt(40) + 10 * 5 * sigma) / n;
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
        // The empirical median of 5000 uniforms has sd about 0.7; a 0.5-wide bin and noise of sd
        // 2 * sqrt(100) = 20 rows (0.4% of the mass, 0.4 units) keep the estimate well inside +-5.
        Assert.InRange(output.Value[1], 45, 55);
    }

    static double Empirical(double[] sorted, double level)
    {
        int index = (int)Math.Clamp(Math.Floor(level * (sorted.Length - 1)), 0, sorted.Length - 1);
        return sorted[index];
    }

    static double NormalDraw(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
