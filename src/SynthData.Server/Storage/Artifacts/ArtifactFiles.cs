namespace SynthData.Server.Storage.Artifacts;

/// <summary>
/// The server's files (uploaded tables, model artifacts with their split keys, audit reports) in the shared artifact
/// store, named by a location: a stable key (<see cref="DatasetKey"/>, <see cref="ModelKey"/>, <see cref="ReportKey"/>)
/// or, for what was written before the artifact store, an absolute path in the data directory. Core reads paths, so a
/// reader asks for <see cref="LocalPath"/>: the store's own file when it is a plain directory (the embedded default:
/// no second copy), else a private copy in this replica's cache under the data directory, fetched once, streamed.
/// </summary>
public sealed class ArtifactFiles
{
    readonly DirectoryArtifactStore? _direct;

    /// <param name="cacheDirectory">This replica's private copies of shared artifacts (0700 folders, 0600 files).</param>
    public ArtifactFiles(IArtifactStore store, string cacheDirectory)
    {
        Store = store;
        CacheDirectory = cacheDirectory;
        _direct = store as DirectoryArtifactStore;
    }

    public IArtifactStore Store { get; }
    public string CacheDirectory { get; }

    /// <summary>Whether readers get copies (a database or encrypted store) rather than the store's own files.</summary>
    public bool Caches => _direct is null;

    public static string DatasetKey(string tenantId, string datasetId, string format) => $"datasets/{tenantId}/{datasetId}.{format}";
    public static string ModelKey(string tenantId, string jobId) => $"models/{tenantId}/{jobId}.model";
    public static string ReportKey(string tenantId, string modelId, string file) => $"reports/{tenantId}/{modelId}/{file}";

    static bool IsLegacyPath(string location) => Path.IsPathRooted(location);

    /// <summary>
    /// Stores a finished local file (consumed: moved, never copied where it can be avoided) at the location. With a
    /// caching store the file becomes this replica's cached copy, so the replica that wrote it never fetches it back.
    /// </summary>
    public async Task PutAsync(string location, string localFile, CancellationToken cancellationToken)
    {
        if (IsLegacyPath(location) || _direct is not null)
        {
            MoveInto(localFile, IsLegacyPath(location) ? location : _direct!.PathOf(location));
            return;
        }
        await using (var content = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            await Store.WriteAsync(location, content, cancellationToken);
        MoveInto(localFile, CachePath(location));
    }

    static void MoveInto(string localFile, string path)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        PrivateFiles.Restrict(localFile); // Core writes some files with default modes
        File.Move(localFile, path, overwrite: true);
    }

    /// <summary>A local file with the location's content; FileNotFoundException when the store holds nothing there.</summary>
    public string LocalPath(string location)
    {
        if (IsLegacyPath(location) || _direct is not null)
        {
            string path = IsLegacyPath(location) ? location : _direct!.PathOf(location);
            return File.Exists(path) ? path : throw new FileNotFoundException("The artifact is missing.");
        }
        string cached = CachePath(location);
        if (!File.Exists(cached)) Fetch(location, cached);
        return cached;
    }

    /// <summary>Copies the store's content to the cache: to a unique partial file, renamed when complete, so a
    /// concurrent reader never sees half a file and two fetches of one key cannot collide.</summary>
    void Fetch(string key, string cached)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(cached)!);
        string partial = $"{cached}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var content = Store.OpenRead(key))
            using (var file = PrivateFiles.CreateNew(partial))
                content.CopyTo(file);
            File.Move(partial, cached, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    public bool Exists(string location) =>
        IsLegacyPath(location) ? File.Exists(location) : (Caches && File.Exists(CachePath(location))) || Store.Exists(location);

    /// <summary>A stream of the content, read through the store (for files that can be rewritten, such as reports, which are never cached).</summary>
    public Stream OpenRead(string location) => IsLegacyPath(location) ? File.OpenRead(location) : Store.OpenRead(location);

    /// <summary>Deletes the content from the store and this replica's cached copy (other replicas drop theirs: <see cref="ArtifactCacheSweeper"/>).</summary>
    public void Delete(string location)
    {
        if (IsLegacyPath(location))
        {
            if (File.Exists(location)) File.Delete(location);
            return;
        }
        Store.Delete(location);
        Evict(location);
    }

    /// <summary>Drops this replica's cached copy; true when there was one.</summary>
    public bool Evict(string location)
    {
        if (IsLegacyPath(location) || !Caches) return false;
        string cached = CachePath(location);
        if (!File.Exists(cached)) return false;
        File.Delete(cached);
        return true;
    }

    string CachePath(string key) => Path.Combine(CacheDirectory, ArtifactKeys.Check(key));
}
