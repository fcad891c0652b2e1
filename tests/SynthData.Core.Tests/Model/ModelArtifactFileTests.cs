using System.IO.Compression;
using System.Text;
using SynthData.Core.Model;

namespace SynthData.Core.Tests.Model;

public class ModelArtifactFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("synthdata-artifact-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RoundTripKeepsContentAndHash()
    {
        var path = Path.Combine(_dir, "m.synthmodel");
        var manifest = Encoding.UTF8.GetBytes("{\"a\":1}");
        var weights = new byte[] { 1, 2, 3, 4 };
        var hash = ModelArtifactFile.Write(path, manifest, weights);
        var (m, w, h) = ModelArtifactFile.Read(path);
        Assert.Equal(manifest, m);
        Assert.Equal(weights, w);
        Assert.Equal(hash, h);
        Assert.Equal(64, hash.Length);
    }

    [Fact]
    public void TamperedWeightsAreRefused()
    {
        var path = Path.Combine(_dir, "m.synthmodel");
        ModelArtifactFile.Write(path, Encoding.UTF8.GetBytes("{}"), new byte[] { 1, 2, 3 });
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("weights.bin")!.Delete();
            using var s = zip.CreateEntry("weights.bin").Open();
            s.Write(new byte[] { 1, 2, 4 });
        }
        var error = Assert.Throws<InvalidDataException>(() => ModelArtifactFile.Read(path));
        Assert.Contains("content hash", error.Message);
    }

    [Fact]
    public void HashSeparatesManifestFromWeights()
    {
        // Moving a byte across the boundary must change the hash (length prefixes).
        Assert.NotEqual(
            ModelArtifactFile.ContentHash(new byte[] { 1, 2 }, new byte[] { 3 }),
            ModelArtifactFile.ContentHash(new byte[] { 1 }, new byte[] { 2, 3 }));
    }

    [Fact]
    public void NotAZipIsRefusedWithThePath()
    {
        var path = Path.Combine(_dir, "junk.synthmodel");
        File.WriteAllText(path, "not a zip");
        var error = Assert.Throws<InvalidDataException>(() => ModelArtifactFile.Read(path));
        Assert.Contains(path, error.Message);
    }
}
