using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Storage.Postgres;

namespace SynthData.Server.Tests;

/// <summary>What a server holds in its artifact store, read and altered the way an operator's mistake or a disk would, whatever the backend.</summary>
static class StoredArtifacts
{
    public static byte[] Read(ServerStore store, string location)
    {
        using var content = store.Artifacts.OpenRead(location);
        var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Replaces the content in the store itself, and drops this replica's cached copy so the next read sees it.</summary>
    public static async Task WriteAsync(ServerStore store, string location, byte[] content)
    {
        await store.Artifacts.Store.WriteAsync(location, new MemoryStream(content), CancellationToken.None);
        store.Artifacts.Evict(location);
    }

    /// <summary>The store's keys under a prefix (e.g. "datasets/").</summary>
    public static IReadOnlyList<string> Keys(ServerStore store, string prefix)
    {
        if (store.Database is PostgresDatabase postgres)
            return postgres.Query("SELECT DISTINCT artifact_key FROM artifact_chunks WHERE artifact_key LIKE @prefix ORDER BY artifact_key",
                r => r.Text("artifact_key"), ("@prefix", prefix + "%"));
        string root = store.ArtifactStoreDirectory;
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList()
            : [];
    }

    /// <summary>Files of this replica's cache and temp folders (none may outlive an upload that failed or an erasure).</summary>
    public static IReadOnlyList<string> LocalCopies(ServerStore store, string cacheFolder) =>
        new[] { Path.Combine(store.Artifacts.CacheDirectory, cacheFolder), store.TempDirectory }
            .Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories)).ToList();
}
