using MathNet.Numerics.Distributions;
using SynthData.Core.Tabular.Encoding;
using Xunit;

namespace SynthData.Core.Tests.Tabular.Encoding;

public sealed class DequantisationTests
{
    /// <summary>A skewed integer column: 80% zeros, the rest 1..20 (like "previous contacts"), and its exact quantile knots.</summary>
    static (int[] Values, QuantileTransform Transform) SkewedIntegers()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() < 0.8 ? 0 : 1 + random.Next(20)).ToArray();
        var sorted = values.Order().ToArray();
        var levels = Enumerable.Range(0, 64).Select(j => 0.005 + j * (0.99 / 63)).ToArray();
        var knots = levels.Select(l => (double)sorted[(int)(l * (sorted.Length - 1))]).ToArray();
        // Tiny increasing offsets stand in for DP noise, which never leaves exact ties.
        for (int j = 0; j < knots.Length; j++) knots[j] += j * 1e-4;
        return (values, new QuantileTransform(knots, levels, 5));
    }

    [Fact]
    public void Every_dequantised_integer_decodes_back_to_itself()
    {
        var (values, transform) = SkewedIntegers();
        var random = new Random(1);
        foreach (int v in values.Take(5000))
        {
            double z = transform.ToNormalBand(v - 0.5, v + 0.5, random.NextDouble());
            Assert.Equal(v, Math.Round(transform.FromNormal(z), MidpointRounding.AwayFromZero));
        }
    }

    [Fact]
    public void Dequantised_scores_of_an_atom_heavy_column_are_standard_normal()
    {
        var (values, transform) = SkewedIntegers();
        var random = new Random(2);
        var scores = values.Select(v => transform.ToNormalBand(v - 0.5, v + 0.5, random.NextDouble())).Order().ToArray();
        // Kolmogorov-Smirnov distance to N(0, 1). Its 99.9% critical value for n = 20,000 is 1.95 / sqrt(n) = 0.014;
        // the knots are quantile estimates on a 64-level grid, so allow the grid's interpolation error on top (1/63).
        double d = scores.Select((s, i) => Math.Max(Math.Abs(Normal.CDF(0, 1, s) - (double)i / scores.Length),
            Math.Abs(Normal.CDF(0, 1, s) - (double)(i + 1) / scores.Length))).Max();
        Assert.True(d < 0.014 + 1.0 / 63, $"KS distance {d}");
        // Without dequantisation the atom is one point: the scores are far from normal.
        var plain = values.Select(v => transform.ToNormal(v)).Order().ToArray();
        double dPlain = plain.Select((s, i) => Math.Abs(Normal.CDF(0, 1, s) - (double)(i + 1) / plain.Length)).Max();
        Assert.True(dPlain > 0.3, $"plain KS distance {dPlain}");
    }
}
