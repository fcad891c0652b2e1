namespace SynthData.Core.Privacy.Randomness;

/// <summary>
/// <see cref="Random"/>'s API over a word stream, so code written against Random (the Poisson sampler,
/// dequantisation, canary coins) draws from the cryptographic generator in secure runs. Every virtual
/// member is overridden: none falls back to Random's own seeded state.
/// </summary>
public sealed class BitsRandom(IRandomBits bits) : Random
{
    /// <summary>True when the underlying words come from the cryptographic generator.</summary>
    public bool IsCryptographic => bits.IsCryptographic;

    /// <summary>Uniform in [0, 1) on a 2^-53 grid.</summary>
    public override double NextDouble() => (bits.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The same draw as <see cref="NextDouble"/>, so Random's other helpers use the word stream too.</summary>
    protected override double Sample() => NextDouble();

    /// <summary>Uniform in [0, 1) on a 2^-24 grid.</summary>
    public override float NextSingle() => (bits.NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, int.MaxValue), without modulo bias.</summary>
    public override int Next() => (int)NextBelow(int.MaxValue);

    /// <summary>Uniform in [0, <paramref name="maxValue"/>), without modulo bias; 0 when it is 0.</summary>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    /// <summary>Uniform in [<paramref name="minValue"/>, <paramref name="maxValue"/>), without modulo bias.</summary>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    /// <summary>Uniform in [0, long.MaxValue), without modulo bias.</summary>
    public override long NextInt64() => (long)NextBelow(long.MaxValue);

    /// <summary>Uniform in [0, <paramref name="maxValue"/>), without modulo bias; 0 when it is 0.</summary>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBelow((ulong)maxValue);
    }

    /// <summary>Uniform in [<paramref name="minValue"/>, <paramref name="maxValue"/>), without modulo bias.</summary>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (long)NextBelow((ulong)(maxValue - minValue));
    }

    /// <summary>Fills the array with random bytes.</summary>
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <summary>Fills the span with random bytes, eight per word.</summary>
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
