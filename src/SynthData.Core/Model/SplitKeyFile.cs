namespace SynthData.Core.Model;

/// <summary>
/// The holdout split's key, kept beside the model artifact in a file of its own (mode 0600) and never
/// inside the artifact, a footer, a card, a report or a reply: with it and the table anyone could tell
/// training rows from holdout rows. Only the owner's audit reads it, with the private table.
/// </summary>
public static class SplitKeyFile
{
    /// <summary>Where the split key of the artifact at <paramref name="artifactPath"/> lives.</summary>
    public static string PathFor(string artifactPath) => artifactPath + ".split-key";

    /// <summary>Writes the key beside the artifact, readable by the owner only (0600).</summary>
    public static void Write(string artifactPath, byte[] key)
    {
        string path = PathFor(artifactPath);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(key);
    }

    /// <summary>Reads the key beside the artifact; fails with a clear message when it is missing or the wrong size.</summary>
    public static byte[] Read(string artifactPath)
    {
        string path = PathFor(artifactPath);
        if (!File.Exists(path))
            throw new ModelArtifactException($"{path}: the model's holdout split key is missing; the audit needs it beside the model artifact to rebuild members and non-members.");
        var key = File.ReadAllBytes(path);
        if (key.Length != Tabular.HoldoutSplit.KeyBytes) throw new ModelArtifactException($"{path}: not a split key ({key.Length} bytes).");
        return key;
    }
}
