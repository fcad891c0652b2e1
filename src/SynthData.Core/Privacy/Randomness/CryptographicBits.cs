using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SynthData.Core.Privacy.Randomness;

/// <summary>
/// Words from the operating system's cryptographic generator, fetched 4 KiB at a time (one call per
/// 512 words keeps DP-SGD's per-step noise cheap). Nothing about the stream is stored: it cannot be
/// replayed, which is what makes the noise, the batches and the split secret. Not thread-safe: one
/// instance per stream.
/// </summary>
public sealed class CryptographicBits : IRandomBits
{
    readonly byte[] _buffer = new byte[4096];
    int _next = 4096;

    /// <summary>Always true.</summary>
    public bool IsCryptographic => true;

    /// <summary>The next word from the buffer, refilled from the operating system when spent.</summary>
    public ulong NextUInt64()
    {
        if (_next == _buffer.Length)
        {
            RandomNumberGenerator.Fill(_buffer);
            _next = 0;
        }
        ulong word = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(_next, 8));
        _next += 8;
        return word;
    }
}
