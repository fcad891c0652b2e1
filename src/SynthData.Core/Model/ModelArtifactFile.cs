using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SynthData.Core.Model;

/// <summary>
/// The on-disk container of a trained model: one ZIP file with a JSON manifest, the weights, and a
/// SHA-256 over both (length-prefixed, so no byte can move between them unnoticed). Loading
/// verifies the hash; a file that fails is refused, never half-used.
/// </summary>
public static class ModelArtifactFile
{
    const string ManifestEntry = "manifest.json";
    const string WeightsEntry = "weights.bin";
    const string HashEntry = "content.sha256";

    /// <summary>Writes the container atomically (temporary file, then rename) and returns its content hash.</summary>
    public static string Write(string path, byte[] manifestJson, byte[] weights)
    {
        string hash = ContentHash(manifestJson, weights);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = File.Create(temporary))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                WriteEntry(zip, ManifestEntry, manifestJson);
                WriteEntry(zip, WeightsEntry, weights);
                WriteEntry(zip, HashEntry, Encoding.ASCII.GetBytes(hash));
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return hash;
    }

    /// <summary>Reads and verifies the container.</summary>
    public static (byte[] ManifestJson, byte[] Weights, string Hash) Read(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifest = ReadEntry(zip, ManifestEntry, path);
            var weights = ReadEntry(zip, WeightsEntry, path);
            var stored = Encoding.ASCII.GetString(ReadEntry(zip, HashEntry, path)).Trim();
            var actual = ContentHash(manifest, weights);
            if (!string.Equals(stored, actual, StringComparison.Ordinal))
                throw new InvalidDataException($"{path}: the model artifact's content hash does not match; the file was altered or damaged.");
            return (manifest, weights, actual);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a SynthData model artifact ({e.Message}).", e);
        }
    }

    /// <summary>SHA-256 over the length-prefixed manifest and weights: identifies the artifact's content whatever its file layout.</summary>
    public static string ContentHash(byte[] manifestJson, byte[] weights)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { manifestJson, weights })
        {
            sha.AppendData(BitConverter.GetBytes((long)part.Length));
            sha.AppendData(part);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    static void WriteEntry(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(content);
    }

    static byte[] ReadEntry(ZipArchive zip, string name, string path)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{path}: the model artifact has no '{name}' entry.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
