namespace SynthData.Server.Storage.Artifacts;

/// <summary>Artifacts as files under one folder (a shared mount for several replicas), 0600 in 0700 folders, written then renamed.</summary>
public sealed class DirectoryArtifactStore(string root) : IArtifactStore
{
    /// <summary>The file holding the key's content.</summary>
    public string PathOf(string key) => Path.Combine(root, ArtifactKeys.Check(key));

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        string path = PathOf(key);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        string partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = PrivateFiles.CreateNew(partial)) await content.CopyToAsync(file, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    public Stream OpenRead(string key) => File.OpenRead(PathOf(key));

    public bool Exists(string key) => File.Exists(PathOf(key));

    public void Delete(string key)
    {
        string path = PathOf(key);
        if (File.Exists(path)) File.Delete(path); // File.Delete throws when the folder is missing too
    }
}
