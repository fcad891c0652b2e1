namespace SynthData.Core.Tabular;

/// <summary>A 64-bit hash of text for counting distinct values without holding them (never stored or published).</summary>
static class TextHash
{
    /// <summary>64-bit FNV-1a: collisions among n tracked values are negligible (n^2 / 2^65).</summary>
    public static ulong Fnv1a64(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text) { hash ^= c; hash *= 1099511628211UL; }
        return hash;
    }
}
