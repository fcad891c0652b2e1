using Microsoft.Data.Sqlite;
using SynthData.Api.V1;
using SynthData.Server.Hosting;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>
/// <c>SynthData.Server check</c> (issue 19, point 6): verifies the databases and model artifacts of a stopped server's
/// data directory, one line per problem, exit 0 or 2, and changes nothing.
/// </summary>
public sealed class StateCheckTests
{
    static (int ExitCode, string[] Lines) Check(string directory)
    {
        var output = new StringWriter();
        int exitCode = StateCheck.Run(directory, output);
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [SkippableFact]
    public async Task Check_passes_a_sound_directory_and_names_a_damaged_artifact_a_damaged_ledger_and_a_newer_schema()
    {
        TestStore.SkipUnlessEmbedded("the offline check of the data directory's SQLite databases");
        string directory = TestFiles.NewTempDirectory();
        string artifact, modelId;
        await using (var server = await RunningServer.StartAsync(directory))
        {
            var ownerKey = await server.CreateKeyAsync("acme", Role.Owner);
            var owner = server.As(ownerKey.ApiKey);
            var dataset = await Uploads.UploadBankAsync(owner);
            modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
            var artifacts = server.Service<ServerStore>().Artifacts;
            artifact = artifacts.LocalPath(server.Service<ServerStore>().Models.Get(ownerKey.TenantId, modelId)!.ArtifactPath); // the embedded store's own file
        }
        SqliteConnection.ClearAllPools(); // the stopped server's pooled connections

        var (exitCode, lines) = Check(directory);
        Assert.Equal(0, exitCode);
        Assert.StartsWith("ok:", Assert.Single(lines));
        Assert.Contains("1 model artifacts and 1 raw uploads verified", lines[0]);

        // 64 bytes flipped mid-file (in the compressed weights): the artifact no longer loads.
        var intact = File.ReadAllBytes(artifact);
        var damaged = (byte[])intact.Clone();
        for (int i = damaged.Length / 2; i < damaged.Length / 2 + 64; i++) damaged[i] ^= 0x5a;
        File.WriteAllBytes(artifact, damaged);
        (exitCode, lines) = Check(directory);
        Assert.Equal(2, exitCode);
        var problem = Assert.Single(lines, l => l.StartsWith("problem:", StringComparison.Ordinal));
        Assert.Contains(artifact, problem);
        Assert.Contains(modelId, problem);
        Assert.Contains("damaged", problem);
        Assert.Equal(damaged, File.ReadAllBytes(artifact)); // left as found
        File.WriteAllBytes(artifact, intact);

        // A ledger overwritten by garbage: named, left as found, never recreated.
        string ledger = Path.Combine(directory, "privacy-ledger.db");
        var ledgerBytes = File.ReadAllBytes(ledger);
        var garbage = new byte[ledgerBytes.Length];
        new Random(6).NextBytes(garbage);
        File.WriteAllBytes(ledger, garbage);
        (exitCode, lines) = Check(directory);
        Assert.Equal(2, exitCode);
        Assert.Contains(ledger, Assert.Single(lines, l => l.StartsWith("problem:", StringComparison.Ordinal)));
        Assert.Equal(garbage, File.ReadAllBytes(ledger));
        File.WriteAllBytes(ledger, ledgerBytes);

        // A store migrated by a newer server: this one would not understand it.
        string store = Path.Combine(directory, "synthdata.db");
        using (var connection = new SqliteConnection($"Data Source={store};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }
        (exitCode, lines) = Check(directory);
        Assert.Equal(2, exitCode);
        var versionProblem = Assert.Single(lines, l => l.StartsWith("problem:", StringComparison.Ordinal));
        Assert.Contains(store, versionProblem);
        Assert.Contains("schema version 99", versionProblem);
    }

    [Fact]
    public void Check_of_an_empty_directory_names_both_missing_databases_and_creates_nothing()
    {
        string directory = TestFiles.NewTempDirectory();

        var (exitCode, lines) = Check(directory);

        Assert.Equal(2, exitCode);
        Assert.Equal(2, lines.Count(l => l.StartsWith("problem:", StringComparison.Ordinal) && l.Contains("missing")));
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }
}
