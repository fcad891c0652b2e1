using SynthData.Core;
using System.Text.Json;
using Parquet;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model.Training;
using SynthData.Core.Synthesis;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Core.Tests.Tabular;
using SynthData.Core.Tests.TestSupport;
using Xunit;

namespace SynthData.Core.Tests.Synthesis;

public sealed class SynthesisJobTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    static string RepoFile(string relative) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(TestFiles.Sample("bank-marketing.csv")))!, relative);

    static ReleasePolicy DefaultPolicy() => PolicyFile.Load(RepoFile("policies/default.yaml"));

    SynthesisRequest Request(string data, TrainingConfiguration training, ReleasePolicy? policy = null, long rows = 1000, string? schemaFile = null)
    {
        using var reader = TableReaders.Open(data);
        var schema = SchemaResolver.Resolve(reader, SchemaFile.Load(schemaFile ?? TestFiles.Sample("bank-marketing.schema.json")));
        return new SynthesisRequest
        {
            Input = new TrainingInput(data, schema, TestKeys.Fingerprint),
            Policy = policy ?? DefaultPolicy(),
            Training = training,
            Rows = rows,
            OutputPath = _files.PathOf("out/synthetic.parquet"),
            ReportDirectory = _files.PathOf("out/report"),
            LedgerPath = _files.PathOf("ledger.db"),
            Canaries = 0,
        };
    }

    [Fact]
    public async Task A_released_file_carries_governance_metadata_that_validates_against_the_published_schema()
    {
        var result = SynthesisJob.Run(Request(TestFiles.Sample("bank-marketing.csv"), new TrainingConfiguration { Epochs = 3, Seed = 4 }));
        Assert.True(result.Released, string.Join("; ", result.Release?.Reasons ?? result.Admission.Reasons));
        Assert.True(File.Exists(result.ModelCardPath));
        Assert.True(File.Exists(result.ReportHtml));

        // Read the footer with Parquet.Net's own metadata API, independently of our writer.
        await using var stream = File.OpenRead(result.OutputPath!);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var json = reader.CustomMetadata[GovernanceMetadata.GovernanceKey];
        Assert.Equal(TrainingPipeline.SoftwareVersion, reader.CustomMetadata[GovernanceMetadata.VersionKey]);
        using var document = JsonDocument.Parse(json);
        using var schema = JsonDocument.Parse(File.ReadAllText(RepoFile("policies/schemas/governance-metadata.v1.schema.json")));
        var errors = JsonSchemaValidation.Validate(schema.RootElement, document.RootElement);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var g = document.RootElement;
        Assert.True(g.GetProperty("synthetic").GetBoolean());
        Assert.True(g.GetProperty("privacy").GetProperty("epsilon").GetDouble() <= 3.0 + 1e-3);
        Assert.Equal(1000, g.GetProperty("generation").GetProperty("rows").GetInt64());
        Assert.True(g.GetProperty("policy").GetProperty("release").GetProperty("allowed").GetBoolean());
        Assert.Equal(1000, reader.Metadata!.NumRows);

        // The validator can fail: a governance object without its privacy section is refused.
        var broken = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        broken.Remove("privacy");
        Assert.Contains(JsonSchemaValidation.Validate(schema.RootElement, JsonSerializer.SerializeToElement(broken)), e => e.Contains("privacy"));
    }

    [Fact]
    public void A_run_whose_schema_was_partly_inferred_says_so_in_the_footer_and_the_card()
    {
        // The sample's schema file without its declaration of 'previous': that column's structure is read off the rows.
        var declarations = File.ReadAllLines(TestFiles.Sample("bank-marketing.schema.json")).Where(l => !l.Contains("\"previous\""));
        var partial = _files.Write("partial.schema.json", string.Join('\n', declarations));
        var result = SynthesisJob.Run(Request(TestFiles.Sample("bank-marketing.csv"), new TrainingConfiguration { Epochs = 1, Seed = 4 }, schemaFile: partial));
        Assert.True(result.Released, string.Join("; ", result.Release?.Reasons ?? result.Admission.Reasons));
        Assert.False(result.Metadata!.SchemaFullyDeclared);
        Assert.Equal(["previous"], result.Metadata.SchemaInferredColumns);
        Assert.Contains("Schema partly inferred from private rows: not covered by the guarantee (inferred columns: `previous`)", File.ReadAllText(result.ModelCardPath!));
        Assert.Equal(["previous"], result.Audit!.SchemaInferredColumns);

        using var schema = JsonDocument.Parse(File.ReadAllText(RepoFile("policies/schemas/governance-metadata.v1.schema.json")));
        var footer = JsonSerializer.SerializeToElement(result.Metadata, SynthDataJson.Options);
        Assert.Empty(JsonSchemaValidation.Validate(schema.RootElement, footer));
        Assert.False(footer.GetProperty("schema_fully_declared").GetBoolean());

        // Under marketing-strict the same evidence is denied release for the inferred column.
        var strict = PolicyFile.Load(RepoFile("policies/marketing-strict.yaml"));
        var release = Core.Governance.Decisions.PolicyEvaluator.Release(strict, GovernanceMetadataBuilder.Evidence(result.Audit, reviewerApproved: true));
        Assert.Contains(release.Reasons, r => r.Contains("fully declared schema") && r.Contains("previous"));
    }

    [Fact]
    public void A_leaky_non_private_run_is_blocked_at_release_and_the_report_says_why()
    {
        var result = SynthesisJob.Run(Request(TestFiles.Sample("bank-marketing.csv"),
            new TrainingConfiguration { NoPrivacy = true, Epochs = 3, Seed = 4 }));
        Assert.False(result.Released);
        Assert.NotNull(result.Release);
        Assert.Contains(result.Release!.Reasons, r => r.Contains("without differential privacy"));
        Assert.True(File.Exists(result.ReportHtml));
        Assert.False(File.Exists(_files.PathOf("out/synthetic.parquet")));
    }

    [Fact]
    public void Bad_requests_are_refused_and_write_nothing()
    {
        var sample = TestFiles.Sample("bank-marketing.csv");
        Assert.Throws<InvalidInputException>(() => SynthesisJob.Run(Request(sample, new TrainingConfiguration { Epsilon = 0 })));
        var delta = Assert.Throws<InvalidInputException>(() => SynthesisJob.Run(Request(sample, new TrainingConfiguration { Epsilon = 1, Delta = 1e-3 })));
        Assert.Contains("1/N", delta.Message);

        var small = _files.Write("small.csv", string.Join('\n', File.ReadLines(sample).Take(501)) + "\n");
        var tooFew = SynthesisJob.Run(Request(small, new TrainingConfiguration { Epsilon = 1 }));
        Assert.False(tooFew.Released);
        Assert.Contains(tooFew.Admission.Reasons, r => r.Contains("at least 1000"));

        var unknown = _files.Write("unknown.schema.json", """{ "columns": { "no_such_column": { "kind": "integer" } } }""");
        using var reader = TableReaders.Open(sample);
        Assert.ThrowsAny<UserFacingException>(() => SchemaResolver.Resolve(reader, SchemaFile.Load(unknown)));
        Assert.False(Directory.Exists(_files.PathOf("out")) && Directory.EnumerateFiles(_files.PathOf("out"), "*.parquet").Any());
    }
}
