namespace SynthData.Core.Tabular;

/// <summary>Creates a directory that only its owner can enter (0700 on Unix), for keys and ledgers.</summary>
public static class PrivateDirectory
{
    /// <summary>Creates the directory (and its parents) if missing; new directories get owner-only access.</summary>
    public static void Create(string directory)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
