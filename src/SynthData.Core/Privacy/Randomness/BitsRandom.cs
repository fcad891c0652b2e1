namespace SynthData.Core.Privacy.Randomness;

/// <summary>
/// <see cref="Random"/>'s API over a word stream, so code written against Random (the Poisson sampler,
/// dequantisation, canary coins) draws from the cryptographic generator in secure runs. Every virtual
/// member is overridden: none falls back to Random's own seeded state.
/// </summary>
public sealed class BitsRandom(IRandomBits bits) : Random
{
    public bool IsCryptographic => bits.IsCryptographic;

    /// <summary>Uniform in [0, 1) on a 2^-53 grid.</summary>
    public override double NextDouble() => (bits.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override float NextSingle() => (bits.NextUInt64() >> 40) * (1f / (1 << 24));

    public override int Next() => (int)NextBelow(int.MaxValue);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)NextBelow(long.MaxValue);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBelow((ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (long)NextBelow((ulong)(maxValue - minValue));
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i += 8)
        {
            ulong word = bits.NextUInt64();
            for (int j = i; j < Math.Min(i + 8, buffer.Length); j++, word >>= 8) buffer[j] = (byte)word;
        }
    }

    /// <summary>Uniform in [0, bound) without modulo bias (rejection of the short last block).</summary>
    ulong NextBelow(ulong bound)
    {
        if (bound <= 1) return 0;
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong word;
        do word = bits.NextUInt64(); while (word >= limit);
        return word % bound;
    }
}
