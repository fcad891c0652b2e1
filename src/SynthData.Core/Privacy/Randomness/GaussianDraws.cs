using System.Numerics;

namespace SynthData.Core.Privacy.Randomness;

/// <summary>
/// Standard normal draws in float64 with the Gaussian's own tails. Box-Muller needs a uniform u1 whose
/// small values are as likely as they should be: the radius sqrt(-2 ln u1) exceeds r exactly when
/// u1 &lt; exp(-r^2/2). A fixed-point uniform with b bits cannot go below 2^-b, which truncates the radius
/// (torch's float32 Box-Muller: 24 bits, nothing beyond 5.77 sigma; 53 bits: 8.57 sigma). Here u1 takes its
/// binary exponent from the count of leading zero bits of fresh words (P(exponent = -k-1) = 2^-(k+1)) and
/// 52 fresh mantissa bits, so P(u1 &lt; t) = t up to one part in 2^52 for every t down to 2^-1074: the radius
/// reaches 38 sigma and its tail mass is the Gaussian's wherever it is not below double precision itself.
/// </summary>
public static class GaussianDraws
{
    /// <summary>A uniform draw in (0, 1) with full floating-point resolution near 0.</summary>
    public static double OpenUniform(IRandomBits bits)
    {
        int exponent = -1; // the result lies in [2^exponent, 2^(exponent + 1))
        ulong word;
        while ((word = bits.NextUInt64()) == 0)
        {
            exponent -= 64;
            if (exponent < -1074) return double.Epsilon;
        }
        exponent -= BitOperations.LeadingZeroCount(word);
        if (exponent < -1022) return double.Epsilon; // below the normal range: probability 2^-1022
        ulong mantissa = bits.NextUInt64() >> 12; // 52 bits
        // 1.mantissa x 2^exponent, exactly representable; never 0, never 1.
        return BitConverter.Int64BitsToDouble((long)(((ulong)(exponent + 1023) << 52) | mantissa));
    }

    /// <summary>Fills the span with independent N(0, 1) draws (Box-Muller: two per pair of uniforms).</summary>
    public static void FillStandardNormal(IRandomBits bits, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i += 2)
        {
            double radius = Math.Sqrt(-2.0 * Math.Log(OpenUniform(bits)));
            // The angle needs no tail resolution: 53 bits give it a uniform grid finer than float64 cos/sin.
            double angle = 2.0 * Math.PI * ((bits.NextUInt64() >> 11) * (1.0 / (1UL << 53)));
            var (sin, cos) = Math.SinCos(angle);
            destination[i] = radius * cos;
            if (i + 1 < destination.Length) destination[i + 1] = radius * sin;
        }
    }
}
