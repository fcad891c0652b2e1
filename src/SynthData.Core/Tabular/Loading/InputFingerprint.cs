using System.Security.Cryptography;

namespace SynthData.Core.Tabular.Loading;

/// <summary>Identifies an input file by content, for provenance records, without holding it in memory.</summary>
public static class InputFingerprint
{
    /// <summary>Lower-case hex SHA-256 of the file's bytes, streamed.</summary>
    public static string Compute(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
