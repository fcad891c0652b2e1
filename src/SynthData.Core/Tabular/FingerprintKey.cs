using System.Security.Cryptography;

namespace SynthData.Core.Tabular;

/// <summary>
/// The secret that keys <see cref="DatasetFingerprint"/>: 32 random bytes made on first use and kept, readable by
/// the owner only (0600), beside the private data it identifies (the server's data directory, the user's SynthData home).
/// </summary>
public static class FingerprintKey
{
    /// <summary>The key's file name in its directory.</summary>
    public const string FileName = "fingerprint.key";
    const int Length = 32;

    /// <summary>The key in <paramref name="directory"/>, created there when absent (the directory too, 0700).</summary>
    public static byte[] LoadOrCreate(string directory)
    {
        PrivateDirectory.Create(directory);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, options);
                file.Write(RandomNumberGenerator.GetBytes(Length));
                file.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        var key = File.ReadAllBytes(path);
        return key.Length == Length ? key : throw new InvalidDataException($"{path}: a fingerprint key must be {Length} bytes; this file is damaged.");
    }
}
