namespace SynthData.Core.Privacy.Randomness;

/// <summary>
/// A replayable word stream (xoshiro256**, state from SplitMix64 of the seed): for public randomness
/// (weight initialisation, generation) and for the reproducible mode that is labelled NOT PRIVATE.
/// Anyone who knows the seed can replay it.
/// </summary>
public sealed class SeededBits : IRandomBits
{
    ulong _s0, _s1, _s2, _s3;

    /// <summary>A stream fully determined by <paramref name="seed"/>.</summary>
    public SeededBits(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Always false: the stream is replayable.</summary>
    public bool IsCryptographic => false;

    /// <summary>The next xoshiro256** word.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
