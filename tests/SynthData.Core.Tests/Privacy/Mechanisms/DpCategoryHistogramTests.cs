using MathNet.Numerics.Distributions;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tests.Privacy.Mechanisms;

public class DpCategoryHistogramTests
{
    [Fact]
    public void NoisyCountsDeviateWithTheRecordedNoiseScale()
    {
        const int labelCount = 4000, perLabel = 500;
        const double sigma = 3.0;
        var labels = Enumerable.Range(0, labelCount).SelectMany(i => Enumerable.Repeat($"L{i}", perLabel)).ToArray();
        var histogram = DpCategoryHistogram.WithThresholdDelta(sigma, 1e-6);

        var output = histogram.Release(labels, new SeededNoiseSource(5), "c");

        // tau is about 15, the counts are 500 +- a few sigma: every label must be kept.
        Assert.Equal(labelCount, output.Value.Labels.Count);
        NoiseStatistics.AssertNormalNoise(output.Value.NoisyCounts.Select(c => c - perLabel).ToArray(), sigma);
        var expected = new ComposedEvent([new GaussianEvent(sigma), new ThresholdEvent(1e-6)]);
        var actual = Assert.IsType<ComposedEvent>(output.Record.Event);
        Assert.Equal(expected.Events, actual.Events);
        Assert.Equal("category_histogram:c", output.Record.Name);
    }

    [Fact]
    public void ASingleRowsLabelIsReleasedAtTheRecordedThresholdDelta()
    {
        // A large delta so the release rate is measurable: each trial keeps the unique label with
        // probability delta; over n trials the kept share has binomial standard error sqrt(d(1-d)/n).
        const double delta = 0.2;
        const int trials = 4000;
        var histogram = DpCategoryHistogram.WithThresholdDelta(noiseMultiplier: 1.0, thresholdDelta: delta);
        var noise = new SeededNoiseSource(23);
        int released = 0;
        for (int t = 0; t < trials; t++)
            if (histogram.Release(["only-one"], noise, "c").Value.Labels.Count == 1) released++;

        double tolerance = NoiseStatistics.StandardErrors * Math.Sqrt(delta * (1 - delta) / trials);
        Assert.InRange(released / (double)trials, delta - tolerance, delta + tolerance);
        Assert.Equal(delta, ((ThresholdEvent)((ComposedEvent)histogram.Event).Events[1]).Delta, 12);
    }

    [Fact]
    public void HighNoiseDropsRareLabelsAndKeepsTheDominantOne()
    {
        var labels = new List<string?>();
        labels.AddRange(Enumerable.Repeat("dominant", 5000));
        for (int i = 0; i < 30; i++) labels.AddRange(Enumerable.Repeat($"rare{i}", 3));
        labels.AddRange(Enumerable.Repeat<string?>(null, 100));
        // sigma 20, delta 1e-6: tau = 1 + 20 * 4.75 = 96; a rare label (count 3) passes with
        // probability about 2e-6, the dominant one (5000) fails with negligible probability.
        var histogram = DpCategoryHistogram.WithThresholdDelta(20.0, 1e-6);

        var output = histogram.Release(labels, new SeededNoiseSource(3), "job");

        Assert.Equal(["dominant"], output.Value.Labels);
    }

    [Fact]
    public void ThresholdAndDeltaAreInverse()
    {
        double tau = DpCategoryHistogram.ThresholdFor(4.0, 1e-9);
        Assert.Equal(1 + 4.0 * Normal.InvCDF(0, 1, 1 - 1e-9), tau, 6);
        Assert.Equal(1e-9, DpCategoryHistogram.DeltaFor(4.0, tau), 15);
        Assert.Equal(1e-9, DpCategoryHistogram.WithThreshold(4.0, tau).ThresholdDelta, 15);
    }
}
