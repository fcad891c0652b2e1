using System.Security.Cryptography;
using System.Text;

namespace SynthData.Core;

/// <summary>
/// Independent seeds for the separate random choices of one run (split, preprocessing noise, model
/// initialisation, batches, DP noise, sampling), all derived from the one seed the user gives, so
/// changing one use never shifts another's stream. The one derivation scheme: no offsets (seed + k) or reuse of one seed for two uses.
/// </summary>
public static class DerivedSeed
{
    /// <summary>The seed for one <paramref name="purpose"/> (e.g. "split"), from SHA-256 of seed and purpose, non-negative.</summary>
    public static int For(int seed, string purpose)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{purpose}"), hash);
        return BitConverter.ToInt32(hash[..4]) & int.MaxValue;
    }
}
