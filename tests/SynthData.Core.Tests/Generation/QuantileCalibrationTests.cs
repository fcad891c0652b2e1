using MathNet.Numerics.Distributions;
using SynthData.Core.Generation;
using SynthData.Core.Tabular.Encoding;
using SynthData.Core.Tests.Model.Training;
using Xunit;

namespace SynthData.Core.Tests.Generation;

public sealed class QuantileCalibrationTests(SampleModelFixture fixture) : IClassFixture<SampleModelFixture>
{
    // Released knots: 0..100 at evenly spaced levels (a uniform column), as a DP quantile release would give them.
    static readonly QuantileTransform Released = new(
        Enumerable.Range(0, 21).Select(i => 5.0 * i).ToArray(),
        Enumerable.Range(0, 21).Select(i => 0.01 + 0.049 * i).ToArray(), clip: 5);

    /// <summary>Scores of a generator that came out narrow and shifted: N(0.6, 0.4^2) instead of N(0, 1).</summary>
    static double[] OffScaleScores(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 0.6 + 0.4 * Normal.Sample(random, 0, 1)).ToArray();
    }

    /// <summary>The largest gap between a knot's level and the share of decoded values at or below the knot.</summary>
    static double LargestGap(QuantileTransform decodeWith, double[] scores)
    {
        var values = scores.Select(decodeWith.FromNormal).Order().ToArray();
        double gap = 0;
        for (int j = 1; j < Released.Values.Count - 1; j++)
        {
            int atOrBelow = values.Count(v => v <= Released.Values[j]);
            gap = Math.Max(gap, Math.Abs((double)atOrBelow / values.Length - Released.Levels[j]));
        }
        return gap;
    }

    [Fact]
    public void Off_scale_scores_decode_to_the_released_quantiles_after_calibration()
    {
        var calibrationSample = OffScaleScores(QuantileCalibration.SampleRows, seed: 1);
        Array.Sort(calibrationSample);
        var calibrated = QuantileCalibration.Recalibrated(Released, calibrationSample);
        var fresh = OffScaleScores(20_000, seed: 2);

        // Each knot's share has two sampling errors, from the calibration sample and from this one: sd at most
        // sqrt(0.25/20000) each, so sqrt(2) * 0.0035 = 0.005 together; 4 sd is 0.02. Without calibration the median
        // alone is off by Phi(0.6 / 1) - 0.5 = 0.23 (the scores' median 0.6 decodes at level 0.73).
        Assert.True(LargestGap(calibrated, fresh) < 0.02, $"calibrated gap {LargestGap(calibrated, fresh):0.0000}");
        Assert.True(LargestGap(Released, fresh) > 0.2, $"uncalibrated gap {LargestGap(Released, fresh):0.0000}");
        Assert.Equal(Released.Values, calibrated.Values);
    }

    [Fact]
    public void Calibration_is_monotone_so_every_row_keeps_its_rank()
    {
        var sample = OffScaleScores(QuantileCalibration.SampleRows, seed: 3);
        Array.Sort(sample);
        var calibrated = QuantileCalibration.Recalibrated(Released, sample);
        double previous = double.NegativeInfinity;
        for (double z = -5; z <= 5; z += 0.001)
        {
            double value = calibrated.FromNormal(z);
            Assert.True(value >= previous, $"decoding fell at z = {z}");
            previous = value;
        }
    }

    [Fact]
    public void Only_columns_with_released_dp_quantiles_are_recalibrated_and_the_model_decodes_one_way()
    {
        var model = fixture.Model;
        var calibrated = QuantileCalibration.For(model);
        Assert.Same(calibrated, QuantileCalibration.For(model));
        var plan = PreprocessingPlan.For(model.Manifest.Schema, model.Manifest.Plan.Preprocessing);
        int recalibrated = 0;
        foreach (var (before, after) in model.Transformer.Columns.Zip(calibrated.Columns))
        {
            var treatment = plan.Columns.Single(c => c.Column.Name == before.Schema.Name).Treatment;
            bool released = treatment.ReleasesDpQuantiles();
            if (before.Numeric is null || !released)
            {
                Assert.Same(before, after);
                continue;
            }
            Assert.Equal(before.Numeric.Values, after.Numeric!.Values);
            if (!before.Numeric.Levels.SequenceEqual(after.Numeric.Levels)) recalibrated++;
        }
        // The sample schema leaves balance, pdays and others to DP quantiles: a two-epoch model is not N(0, 1) there.
        Assert.True(recalibrated > 0);
    }
}
