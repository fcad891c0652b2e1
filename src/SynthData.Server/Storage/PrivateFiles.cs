namespace SynthData.Server.Storage;

/// <summary>
/// The data directory holds raw uploads, databases, models and raw-row audit figures: on Unix every folder is
/// created 0700 and every file 0600, so no other local user can read them (nor a backup that keeps modes).
/// Files Core writes with default modes are restricted right after. A no-op on Windows (ACLs inherit there).
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder and its missing parents 0700; an existing folder is set to 0700 too.</summary>
    public static string CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }
        // Directory.CreateDirectory(path, mode) gives only the last folder the mode: create each missing one.
        var missing = new Stack<string>();
        for (string? folder = Path.GetFullPath(path); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
            missing.Push(folder);
        foreach (string folder in missing) Directory.CreateDirectory(folder, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
        return path;
    }

    /// <summary>
    /// Creates an empty 0600 file unless it exists, and restricts it and its SQLite companions (-wal, -shm, -journal):
    /// SQLite gives those the database file's own mode, so creating the database private keeps them private.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        if (!File.Exists(path)) new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode }).Dispose();
        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
            File.SetUnixFileMode(file, FileMode);
    }

    /// <summary>A new file opened for writing, created 0600.</summary>
    public static FileStream CreateNew(string path, int bufferSize = 1 << 16)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }

    /// <summary>Restricts a file, or a folder and everything under it, that another component wrote with default modes.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        if (File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
            return;
        }
        if (!Directory.Exists(path)) return;
        File.SetUnixFileMode(path, DirectoryMode);
        foreach (string directory in Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(directory, DirectoryMode);
        foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, FileMode);
    }
}
