using MathNet.Numerics.Distributions;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Tests.Tabular.Encoding;

/// <summary>The numeric decoding path against the exact computation it approximates.</summary>
public class QuantileDecodingTests
{
    /// <summary>Numerical Recipes' stated bound on the relative error of its erfc fit.</summary>
    const double ErfcRelativeError = 1.2e-7;

    /// <summary>The exact computation from a level p: Array.BinarySearch over the levels, then linear interpolation.</summary>
    static double ValueAt(QuantileTransform transform, double p)
    {
        var levels = transform.Levels.ToArray();
        var values = transform.Values.ToArray();
        p = Math.Clamp(p, levels[0], levels[^1]);
        int j = Array.BinarySearch(levels, p);
        if (j < 0) j = ~j - 1;
        j = Math.Clamp(j, 0, levels.Length - 2);
        double t = (p - levels[j]) / (levels[j + 1] - levels[j]);
        return Math.Clamp(values[j] + (values[j + 1] - values[j]) * t, values[0], values[^1]);
    }

    /// <summary>
    /// Phi's smaller tail is erfc(|z| / sqrt 2) / 2, so its error is at most the fit's relative error times that tail;
    /// the larger side is one minus it, with the same absolute error plus the rounding of a double next to 1
    /// (two ulps, 4.4e-16, for the subtraction in each of the two computations).
    /// </summary>
    static double PhiErrorBound(double z)
    {
        double phi = Normal.CDF(0, 1, z);
        return ErfcRelativeError * Math.Min(phi, 1 - phi) + (z > 0 ? 2 * Math.BitIncrement(1.0) - 2 : 0);
    }

    [Fact]
    public void FastPhi_is_within_the_fits_stated_error_of_the_exact_normal_cdf()
    {
        for (double z = -8; z <= 8; z += 1e-3)
            Assert.True(Math.Abs(QuantileTransform.FastPhi(z) - Normal.CDF(0, 1, z)) <= PhiErrorBound(z),
                $"z {z}: {QuantileTransform.FastPhi(z)} vs {Normal.CDF(0, 1, z)}");
        Assert.InRange(QuantileTransform.FastPhi(0), 0.5 - PhiErrorBound(0), 0.5 + PhiErrorBound(0));
    }

    [Fact]
    public void FromNormal_lies_between_the_exact_values_at_the_ends_of_the_level_error()
    {
        // Tied knots (a point mass at 0), uneven levels, and z beyond the clip on both sides. The value is
        // non-decreasing in the level, so an error of at most PhiErrorBound in the level keeps it between the
        // exact values at the two ends (plus rounding of the interpolation itself).
        var transform = new QuantileTransform([-3, 0, 0, 0, 1.5, 2, 10, 50], [0.01, 0.1, 0.2, 0.3, 0.5, 0.6, 0.9, 0.99], clip: 5);
        var rng = new Random(2);
        var zs = Enumerable.Range(0, 20_000).Select(_ => 7 * (2 * rng.NextDouble() - 1))
            .Concat([0, -0.0, 5, -5, 6, -6, double.PositiveInfinity, double.NegativeInfinity])
            .Concat(transform.Levels.Select(level => Normal.InvCDF(0, 1, level))); // where the search changes segment
        foreach (var z in zs)
        {
            double clipped = Math.Clamp(z, -transform.Clip, transform.Clip), phi = Normal.CDF(0, 1, clipped), error = PhiErrorBound(clipped);
            double low = ValueAt(transform, phi - error), high = ValueAt(transform, phi + error), value = transform.FromNormal(z);
            Assert.InRange(value, low - 1e-12, high + 1e-12);
        }
        // Away from the tails the error is far below a segment, so values agree to many digits.
        Assert.Equal(ValueAt(transform, 0.4), transform.FromNormal(Normal.InvCDF(0, 1, 0.4)), 1e-5);
    }
}
