using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// Everything the server keeps (raw uploads, both SQLite databases and their -wal/-shm, models, audit reports, and on
/// PostgreSQL the cached copies of shared artifacts) is readable by the service's user alone: no file or folder under the data directory has a group or other bit.
/// </summary>
public sealed class FilePermissionTests
{
    const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                      UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task After_upload_training_and_audit_no_file_or_folder_of_the_data_directory_is_open_to_group_or_others()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes
        string directory = Path.Combine(TestFiles.NewTempDirectory(), "data"); // created by the server itself
        await using var server = await RunningServer.StartAsync(directory, settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner);
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
        await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Seed = 1 });

        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        var folders = Directory.GetDirectories(directory, "*", SearchOption.AllDirectories).Append(directory).ToArray();
        // What must be there for the check to mean something: the raw upload, the model and its split key (in the
        // embedded artifact store, or this replica's cached copies on PostgreSQL), and with the embedded store both
        // databases and the report (the -wal and -shm files exist while a connection is open, and are checked whenever they do).
        Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}datasets{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && f.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".model", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".split-key", StringComparison.Ordinal));
        if (!TestStore.OnPostgres)
        {
            foreach (string name in new[] { "synthdata.db", "privacy-ledger.db" })
                Assert.Contains(Path.Combine(directory, name), files);
            Assert.Contains(files, f => f.EndsWith("report.html", StringComparison.Ordinal));
        }

        var open = files.Concat(folders).Where(p => (File.GetUnixFileMode(p) & GroupOrOther) != 0)
            .Select(p => $"{Path.GetRelativePath(directory, p)} {File.GetUnixFileMode(p)}").ToList();
        Assert.True(open.Count == 0, "open to group or others:\n" + string.Join("\n", open));
    }
}
