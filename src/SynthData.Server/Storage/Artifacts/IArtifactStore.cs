namespace SynthData.Server.Storage.Artifacts;

/// <summary>
/// Where uploaded tables, holdouts and model artifacts live so that every replica can read them: a shared directory
/// or the PostgreSQL database. Content is streamed both ways, never held whole. Keys are relative paths of letters,
/// digits, '-', '_', '.' and '/' (no "..").
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores the stream's content under the key, replacing what was there; readers see the old or the new content whole.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>A stream of the content; FileNotFoundException when the key holds nothing.</summary>
    Stream OpenRead(string key);

    bool Exists(string key);

    void Delete(string key);
}

public static class ArtifactKeys
{
    public static string Check(string key) =>
        key.Length is > 0 and <= 512 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            && !key.Split('/').Any(part => part is "" or "." or "..")
            ? key
            : throw new ArgumentException("An artifact key is a relative path of letters, digits, '-', '_', '.' and '/'.", nameof(key));
}
