using System.Security.Cryptography;

namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// Where DP noise comes from. Seeded for reproducible runs and tests; cryptographic in secure mode,
/// where an attacker must not be able to replay the noise from a seed.
/// </summary>
public interface INoiseSource
{
    /// <summary>Fills the span with independent N(0, 1) draws.</summary>
    void FillStandardNormal(Span<double> destination);

    /// <summary>True when the draws come from a cryptographic generator.</summary>
    bool IsCryptographic { get; }
}

/// <summary>Reproducible standard normal draws (Box-Muller over a seeded <see cref="Random"/>).</summary>
public sealed class SeededNoiseSource(int seed) : INoiseSource
{
    readonly Random _random = new(seed);
    public bool IsCryptographic => false;

    /// <summary>The seed, so bulk consumers (DP-SGD's per-step noise) may draw from a faster seeded generator.</summary>
    public int Seed => seed;

    public void FillStandardNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i += 2)
        {
            var (a, b) = BoxMuller.Pair(1.0 - _random.NextDouble(), _random.NextDouble());
            destination[i] = a;
            if (i + 1 < destination.Length) destination[i + 1] = b;
        }
    }
}

/// <summary>Standard normal draws from the operating system's cryptographic generator.</summary>
public sealed class CryptographicNoiseSource : INoiseSource
{
    public bool IsCryptographic => true;

    public void FillStandardNormal(Span<double> destination)
    {
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < destination.Length; i += 2)
        {
            RandomNumberGenerator.Fill(bytes);
            // 53 random bits each give uniforms in (0, 1] and [0, 1).
            double u1 = ((BitConverter.ToUInt64(bytes[..8]) >> 11) + 1) * (1.0 / (1UL << 53));
            double u2 = (BitConverter.ToUInt64(bytes[8..]) >> 11) * (1.0 / (1UL << 53));
            var (a, b) = BoxMuller.Pair(u1, u2);
            destination[i] = a;
            if (i + 1 < destination.Length) destination[i + 1] = b;
        }
    }
}

static class BoxMuller
{
    /// <summary>Two independent N(0,1) draws from u1 in (0, 1] and u2 in [0, 1).</summary>
    public static (double, double) Pair(double u1, double u2)
    {
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        return (radius * Math.Cos(angle), radius * Math.Sin(angle));
    }
}
