namespace SynthData.Server.Tests;

/// <summary>Repository files the tests upload, and a per-test temp directory.</summary>
static class TestFiles
{
    public static string Repository { get; } = FindRepository();

    public static string BankCsv => Path.Combine(Repository, "samples", "bank-marketing.csv");
    public static string BankSchema => Path.Combine(Repository, "samples", "bank-marketing.schema.json");

    static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SynthData.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("SynthData.sln not found above the test binaries.");
    }

    /// <summary>This run's scratch root, removed when the test process exits.</summary>
    static readonly string RunRoot = CreateRunRoot();

    static string CreateRunRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), "synthdata-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { } // best effort: a leftover temp folder is harmless
        };
        return root;
    }

    public static string NewTempDirectory()
    {
        string path = Path.Combine(RunRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
