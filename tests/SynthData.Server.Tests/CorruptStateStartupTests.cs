namespace SynthData.Server.Tests;

/// <summary>
/// A damaged server database or privacy ledger stops the server at start with one clear line naming the file and
/// what to do, and exit code 2 (issue 19, point 6); it used to abort with an unhandled exception (exit 134). The
/// ledger in particular is never recreated: a fresh one would forget what every dataset has spent.
/// </summary>
public sealed class CorruptStateStartupTests
{
    static void WriteGarbage(string path)
    {
        var garbage = new byte[8192];
        new Random(19).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);
    }

    [SkippableTheory]
    [InlineData("synthdata.db")]
    [InlineData("privacy-ledger.db")]
    public async Task A_damaged_database_stops_start_up_with_one_line_naming_the_file_and_exit_code_2(string file)
    {
        TestStore.SkipUnlessEmbedded("damaged database files");
        string directory = TestFiles.NewTempDirectory();
        string path = Path.Combine(directory, file);
        WriteGarbage(path);
        var garbage = File.ReadAllBytes(path);

        var (exitCode, error, _) = await ChildServer.RunUntilExitAsync(directory, TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error:", line);
        Assert.Contains(path, line);
        Assert.Contains("backup", line);
        Assert.DoesNotContain("   at ", error); // no stack trace
        Assert.Equal(garbage, File.ReadAllBytes(path)); // left as found for the operator: never recreated
    }
}
