namespace SynthData.Client.Tests;

/// <summary>`schema --out` writes an inferred draft for the owner to review, and says on stderr that it was read off private rows.</summary>
public sealed class CliSchemaDraftTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("synthdata-cli-schema").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_draft_marks_the_inferred_columns_and_warns_that_they_came_from_private_rows()
    {
        string samples = Path.Combine(CliServerModeTests.Repository(), "samples");
        string partial = Path.Combine(_root, "partial.schema.json");
        File.WriteAllLines(partial, File.ReadAllLines(Path.Combine(samples, "bank-marketing.schema.json")).Where(l => !l.Contains("\"previous\"")));
        string draft = Path.Combine(_root, "draft.schema.json");

        var result = await CliServerModeTests.Cli("schema", Path.Combine(samples, "bank-marketing.csv"), "--schema", partial, "--out", draft);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("inferred from the private rows (previous)", result.Error);
        Assert.Contains("must be reviewed", result.Error);
        var written = Core.Tabular.Schema.SchemaFile.Load(draft);
        Assert.True(written["previous"]!.Inferred);
        Assert.False(written["age"]!.Inferred);

        // A fully declared table gets no warning.
        var declared = await CliServerModeTests.Cli("schema", Path.Combine(samples, "bank-marketing.csv"), "--schema",
            Path.Combine(samples, "bank-marketing.schema.json"), "--out", Path.Combine(_root, "full.schema.json"));
        Assert.Equal(0, declared.ExitCode);
        Assert.DoesNotContain("warning", declared.Error);
    }
}
