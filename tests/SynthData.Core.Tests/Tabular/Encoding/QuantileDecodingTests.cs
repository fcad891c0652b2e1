using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Tests.Tabular.Encoding;

/// <summary>The numeric decoding path keeps its exact values after the speed-up.</summary>
public class QuantileDecodingTests
{
    /// <summary>The previous implementation: Normal.CDF, then Array.BinarySearch over the levels.</summary>
    static double Reference(QuantileTransform transform, double z)
    {
        var levels = transform.Levels.ToArray();
        var values = transform.Values.ToArray();
        double p = Math.Clamp(MathNet.Numerics.Distributions.Normal.CDF(0, 1, Math.Clamp(z, -transform.Clip, transform.Clip)), levels[0], levels[^1]);
        int j = Array.BinarySearch(levels, p);
        if (j < 0) j = ~j - 1;
        j = Math.Clamp(j, 0, levels.Length - 2);
        double t = (p - levels[j]) / (levels[j + 1] - levels[j]);
        return Math.Clamp(values[j] + (values[j + 1] - values[j]) * t, values[0], values[^1]);
    }

    [Fact]
    public void FromNormal_gives_the_same_values_as_the_reference_computation()
    {
        // Tied knots (a point mass at 0), uneven levels, and z beyond the clip on both sides.
        var transform = new QuantileTransform([-3, 0, 0, 0, 1.5, 2, 10, 50], [0.01, 0.1, 0.2, 0.3, 0.5, 0.6, 0.9, 0.99], clip: 5);
        var rng = new Random(2);
        var zs = Enumerable.Range(0, 20_000).Select(_ => 7 * (2 * rng.NextDouble() - 1))
            .Concat([0, -0.0, 5, -5, 6, -6, double.PositiveInfinity, double.NegativeInfinity]);
        foreach (var z in zs) Assert.Equal(Reference(transform, z), transform.FromNormal(z));
        // Knot levels exactly: their z are where the search changes segment.
        foreach (var level in transform.Levels)
        {
            double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, level);
            Assert.Equal(Reference(transform, z), transform.FromNormal(z));
        }
    }
}
