using Parquet;
using SynthData.Core.Generation;
using SynthData.Core.Model;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;
using SynthData.Core.Tabular;
using SynthData.Core.Tests.Model.Training;
using SynthData.Core.Tests.TestSupport;
using Xunit;

namespace SynthData.Core.Tests.Generation;

public sealed class SyntheticTableGeneratorTests(SampleModelFixture fixture) : IClassFixture<SampleModelFixture>
{
    static List<string> Rows(TabularData table) => Enumerable.Range(0, table.RowCount).Select(r => string.Join('|',
        Enumerable.Range(0, table.Schema.Columns.Count).Select(c => Cell(table, c, r)))).ToList();

    static string Cell(TabularData table, int column, int row) => table.Schema.Columns[column].IsNumeric
        ? table.Numeric(column)[row].ToString("R")
        : table.Labels(column)[row] ?? "<missing>";

    [Fact]
    public void The_same_artifact_and_seed_give_identical_rows_after_a_reload()
    {
        using var reloaded = TrainedModel.Load(fixture.ArtifactPath);
        var a = new SyntheticTableGenerator(fixture.Model).Generate(500, seed: 11, chunkRows: 200).Select(Rows).SelectMany(x => x).ToList();
        var b = new SyntheticTableGenerator(reloaded).Generate(500, seed: 11, chunkRows: 200).Select(Rows).SelectMany(x => x).ToList();
        var c = new SyntheticTableGenerator(reloaded).Generate(500, seed: 12, chunkRows: 200).Select(Rows).SelectMany(x => x).ToList();
        Assert.Equal(500, a.Count);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Identifiers_and_pii_are_surrogates_or_dropped_never_source_values()
    {
        var source = SourceTable.ForModel(fixture.DataPath, fixture.Model, TestKeys.Fingerprint);
        var realEmails = source.All.Labels("email").ToHashSet();
        var realIds = source.All.Labels("customer_id").ToHashSet();
        var chunk = new SyntheticTableGenerator(fixture.Model).Generate(2000, seed: 3).Single();
        Assert.Equal(fixture.Model.Manifest.Schema.Columns.Select(c => c.Name), chunk.Schema.Columns.Select(c => c.Name));
        Assert.DoesNotContain(chunk.Labels("email"), realEmails.Contains);
        Assert.DoesNotContain(chunk.Labels("customer_id"), realIds.Contains);
        Assert.Equal(2000, chunk.Labels("customer_id").Distinct().Count());

        var dropped = new SyntheticTableGenerator(fixture.Model, c => c.Kind == ColumnKind.Pii ? ColumnRelease.Drop : ColumnRelease.Replace);
        Assert.DoesNotContain("email", dropped.Schema.Columns.Select(c => c.Name));
        Assert.Contains("customer_id", dropped.Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Generated_values_respect_the_declared_domain()
    {
        var chunk = new SyntheticTableGenerator(fixture.Model).Generate(3000, seed: 5).Single();
        Assert.All(chunk.Numeric("age"), v => Assert.InRange(v, 18, 100));
        Assert.All(chunk.Numeric("age"), v => Assert.Equal(Math.Round(v), v));
        Assert.All(chunk.Labels("month"), v => Assert.Contains(v, (IEnumerable<string>)["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]));
        Assert.All(chunk.Labels("y"), v => Assert.Contains(v, (IEnumerable<string>)["no", "yes"]));
        // contact_date is declared as yyyy-MM-dd: whole days (Unix seconds at midnight).
        Assert.All(chunk.Numeric("contact_date"), v => Assert.Equal(0, v % 86_400));
    }

    [Fact]
    public async Task Parquet_output_streams_row_groups_with_the_footer_metadata()
    {
        var path = fixture.TempPath("synthetic.parquet");
        var generator = new SyntheticTableGenerator(fixture.Model);
        var metadata = new Dictionary<string, string> { ["synthdata.version"] = "test", ["k"] = "v" };
        long written = await SyntheticParquet.WriteFileAsync(generator, 2500, 1, path, metadata, cancellationToken: default);
        Assert.Equal(2500, written);
        Assert.False(File.Exists(path + ".partial"));

        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal("test", reader.CustomMetadata["synthdata.version"]);
        Assert.Equal(1, reader.RowGroupCount); // 2,500 rows fit one 50k chunk

        using var table = TableReaders.Open(path);
        var read = TableLoader.Load(table, SchemaResolver.Resolve(table));
        Assert.Equal(2500, read.RowCount);
    }

    [Fact]
    public void A_file_generated_without_a_policy_check_still_carries_valid_governance_metadata()
    {
        var generator = new SyntheticTableGenerator(fixture.Model);
        var metadata = Core.Governance.Metadata.GovernanceMetadataBuilder.Build(fixture.Model,
            "ds_test", generator, audit: null, policyId: null, policyVersion: 0,
            admission: null, release: null, reviewer: null, seed: 1, rows: 10);
        var json = Core.Governance.Metadata.GovernanceMetadataBuilder.FooterEntries(metadata)[Core.Governance.Metadata.GovernanceMetadata.GovernanceKey];
        var schemaPath = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(fixture.DataPath))!, "policies/schemas/governance-metadata.v1.schema.json");
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(schemaPath));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var errors = TestSupport.JsonSchemaValidation.Validate(schema.RootElement, document.RootElement);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, document.RootElement.GetProperty("policy").ValueKind);
        Assert.Contains("No policy was checked", Core.Governance.Metadata.ModelCard.ToMarkdown(metadata, "x.parquet"));
    }
    static async Task<byte[]> ParquetBytes(SyntheticTableGenerator generator, long rows, int seed, int chunkRows)
    {
        using var stream = new MemoryStream();
        await SyntheticParquet.WriteAsync(generator, rows, seed, stream, new Dictionary<string, string>(), chunkRows: chunkRows);
        return stream.ToArray();
    }

    [Fact]
    public async Task The_pipelined_writer_gives_identical_bytes_for_the_same_seed_and_chunk_size()
    {
        var generator = new SyntheticTableGenerator(fixture.Model);
        // 2,500 rows in chunks of 1,000: three row groups, the last one partial, so sampling runs ahead.
        var first = await ParquetBytes(generator, 2500, seed: 4, chunkRows: 1000);
        var second = await ParquetBytes(generator, 2500, seed: 4, chunkRows: 1000);
        var otherSeed = await ParquetBytes(generator, 2500, seed: 5, chunkRows: 1000);
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);

        // The streamed rows are the rows Generate yields, chunk after chunk (read back with an inferred
        // schema, so compare the columns whose kind survives the round trip: numbers and categories).
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(first));
        Assert.Equal(3, reader.RowGroupCount);
        var path = fixture.TempPath("pipelined.parquet");
        await File.WriteAllBytesAsync(path, first);
        using var table = TableReaders.Open(path);
        var read = TableLoader.Load(table, SchemaResolver.Resolve(table));
        var chunks = generator.Generate(2500, seed: 4, chunkRows: 1000).ToList();
        var expected = new TabularData(generator.Schema, Enumerable.Range(0, generator.Schema.Columns.Count).Select(c => Concatenated(chunks, c)).ToList());
        var compared = generator.Schema.Columns.Where(c => c.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.Categorical).ToList();
        Assert.True(compared.Count >= 5);
        foreach (var column in compared)
        {
            int e = expected.Schema.IndexOf(column.Name), a = read.Schema.IndexOf(column.Name);
            // Integers stored as int64 lose the sign of a rounded -0.
            Assert.Equal(Enumerable.Range(0, 2500).Select(r => Cell(expected, e, r) is "-0" ? "0" : Cell(expected, e, r)),
                Enumerable.Range(0, 2500).Select(r => Cell(read, a, r)));
        }
    }

    static object Concatenated(List<TabularData> chunks, int column) => chunks[0].Schema.Columns[column].IsNumeric
        ? chunks.SelectMany(t => t.Numeric(column)).ToArray()
        : chunks.SelectMany(t => t.Labels(column)).ToArray();

    [Fact]
    public void Stopping_after_the_first_chunk_stops_the_sampler_and_leaves_the_model_usable()
    {
        var generator = new SyntheticTableGenerator(fixture.Model);
        // The sampler runs ahead; leaving the loop early must stop it (disposing waits for it).
        var firstOnly = Rows(generator.Generate(10_000, seed: 8, chunkRows: 500).First());
        var all = generator.Generate(1500, seed: 8, chunkRows: 500).Select(Rows).ToList();
        Assert.Equal(firstOnly, all[0]);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public async Task A_cancelled_generation_stops_with_OperationCanceledException()
    {
        var generator = new SyntheticTableGenerator(fixture.Model);
        using var cancel = new CancellationTokenSource();
        using var stream = new MemoryStream();
        int rowGroups = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SyntheticParquet.WriteAsync(generator, 1_000_000, 1, stream,
            new Dictionary<string, string>(), _ => { if (++rowGroups == 2) cancel.Cancel(); }, chunkRows: 200, cancel.Token));
        Assert.Equal(2, rowGroups);
    }

    [Fact]
    public void Sampled_categorical_blocks_are_probability_vectors_and_both_overloads_agree()
    {
        var vae = fixture.Model.Vae;
        const int rows = 300;
        using var g1 = new TorchSharp.torch.Generator(5);
        using var g2 = new TorchSharp.torch.Generator(5);
        var exact = vae.Sample(rows, g1);
        var buffer = new float[(rows + 7) * vae.Width];
        vae.Sample(rows, g2, buffer);
        Assert.Equal(exact, buffer.AsSpan(0, exact.Length).ToArray());
        foreach (var block in vae.Layout.Blocks.Where(b => b.Kind == BlockKind.Categorical))
            for (int r = 0; r < rows; r++)
            {
                var p = exact.AsSpan(r * vae.Width + block.Offset, block.Width);
                foreach (float x in p) Assert.InRange(x, 0f, 1f);
                float sum = 0;
                foreach (float x in p) sum += x;
                Assert.Equal(1.0, sum, 1e-5); // float32 rounding over at most a few dozen terms
            }
    }
}
