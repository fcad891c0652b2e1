using System.Text.Json;
using System.Text.Json.Nodes;
using SynthData.Core.Drift;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Tests.Tabular;
using SynthData.Core.Tests.TestSupport;
using Xunit;

namespace SynthData.Core.Tests.Governance;

/// <summary>
/// Metadata built by hand (no training, so fast) checked against the published schema with an independent
/// validator (JsonSchema.Net, through <see cref="JsonSchemaValidation"/>), and the model card rendered from it.
/// </summary>
public sealed class GovernanceMetadataTests
{
    static string RepoFile(string relative) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(TestFiles.Sample("bank-marketing.csv")))!, relative);

    static JsonDocument PublishedSchema() => JsonDocument.Parse(File.ReadAllText(RepoFile("policies/schemas/governance-metadata.v1.schema.json")));

    internal static GovernanceMetadata Sample(bool differentiallyPrivate = true, bool released = true) => new()
    {
        Dataset = new DatasetLineage("ds_abcdefghijklmnopqrstuvwxyz", 4000, 3200, 800),
        SchemaFullyDeclared = true,
        SchemaInferredColumns = [],
        Schema = [new ColumnDescription("age", "integer", "synthesised"), new ColumnDescription("email", "pii", "dropped"),
            new ColumnDescription("customer_id", "identifier", "replaced")],
        Model = new ModelLineage("model-1", new string('b', 64)),
        Training = new TrainingDescription(10, 256, 1e-3, 1250, [128, 128], [128, 128], 16, 12.5),
        Privacy = differentiallyPrivate
            ? new PrivacyDescription
            {
                DifferentiallyPrivate = true,
                Epsilon = 2.87,
                Delta = 1e-5,
                Accountant = BestOfAccountants.AccountantName,
                EpsilonError = 0.01,
                RdpEpsilon = 3.1,
                NoiseMultiplier = 1.1,
                MaxGradNorm = 1.0,
                SamplingRate = 0.08,
                Steps = 1250,
                Preprocessing = [new PreprocessingCost("quantiles:age", "DP quantiles of age", """{"type":"gaussian","noise_multiplier":20}""")],
                Randomness = "secure",
                Warning = null,
                NeighbouringRelation = GovernanceMetadataBuilder.NeighbouringRelation,
            }
            : new PrivacyDescription
            {
                DifferentiallyPrivate = false,
                Epsilon = null,
                Delta = 1e-5,
                Accountant = null,
                EpsilonError = null,
                RdpEpsilon = null,
                NoiseMultiplier = 0,
                MaxGradNorm = 1.0,
                SamplingRate = 0.08,
                Steps = 1250,
                Preprocessing = [],
                Randomness = "secure",
                Warning = null,
                NeighbouringRelation = GovernanceMetadataBuilder.NeighbouringRelation,
            },
        Audit = new PublishedAudit(true, 0.4, 100, "figures on private rows stay with the owner"),
        Policy = new PolicyOutcome("default", 1,
            new PolicyDecision(DecisionStage.Admission, true, ["all admission checks passed"], "default", 1, DateTimeOffset.UnixEpoch),
            new PolicyDecision(DecisionStage.Release, released,
                released ? ["all release checks passed"] : ["the DCR share is 0.710, outside the allowed [0.40, 0.60]", "a reviewer rejected the release"],
                "default", 1, DateTimeOffset.UnixEpoch)),
        Reviewer = released ? new ReviewerApproval("A. Reviewer", DateTimeOffset.UnixEpoch) : null,
        Generation = new GenerationDescription(7, 4000, DateTimeOffset.UnixEpoch),
        Software = new SoftwareDescription("synthdata", "0.1.0"),
    };

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Metadata_as_written_validates_against_the_published_schema(bool differentiallyPrivate, bool released)
    {
        using var schema = PublishedSchema();
        var json = JsonSerializer.SerializeToElement(Sample(differentiallyPrivate, released), SynthDataJson.Options);
        Assert.Empty(JsonSchemaValidation.Validate(schema.RootElement, json));
        Assert.True(json.GetProperty("synthetic").GetBoolean());
        Assert.Equal(1, json.GetProperty("schema_version").GetInt32());
    }

    [Fact]
    public void Quality_warnings_validate_against_the_published_schema_and_the_card_names_the_column()
    {
        using var schema = PublishedSchema();
        var metadata = Sample() with
        {
            Audit = new PublishedAudit(true, 0.4, 100, "figures on private rows stay with the owner")
                { QualityWarnings = [new PublishedQualityWarning("balance", 0.357, 0.326)] },
        };
        var json = JsonSerializer.SerializeToElement(metadata, SynthDataJson.Options);
        Assert.Empty(JsonSchemaValidation.Validate(schema.RootElement, json));
        Assert.Equal("balance", json.GetProperty("audit").GetProperty("quality_warnings")[0].GetProperty("column").GetString());
        Assert.Contains("**Quality warning**: the synthetic distribution of `balance`", ModelCard.ToMarkdown(metadata));
    }

    [Fact]
    public void A_segment_validates_against_the_published_schema_and_the_card_says_the_file_is_not_the_population()
    {
        using var schema = PublishedSchema();
        var metadata = Sample() with
        {
            Generation = new GenerationDescription(7, 4000, DateTimeOffset.UnixEpoch, new SegmentDescription(
                ["age between 18 and 25", "job = student"], [new ProportionDescription("y", "yes", 0.5)], GovernanceMetadataBuilder.SegmentNote)),
        };
        var json = JsonSerializer.SerializeToElement(metadata, SynthDataJson.Options);
        Assert.Empty(JsonSchemaValidation.Validate(schema.RootElement, json));
        var segment = json.GetProperty("generation").GetProperty("segment");
        Assert.Equal(["age between 18 and 25", "job = student"], segment.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0.5, segment.GetProperty("proportions")[0].GetProperty("share").GetDouble());
        var card = ModelCard.ToMarkdown(metadata);
        Assert.Contains("This file describes a segment, not the population.", card);
        Assert.Contains("`job = student`", card);
        Assert.Contains("no privacy budget", card);
    }

    [Fact]
    public void A_drift_check_before_training_validates_against_the_published_schema_and_the_card_shows_it()
    {
        using var schema = PublishedSchema();
        var drift = DriftFinding.Of("job_drift1", "model-0", "ds_version2", 0.5, DateTimeOffset.UnixEpoch,
            [new ColumnDrift("balance", DriftDistanceKind.KolmogorovSmirnov, 0.31, 0.25, 0.37, DriftStatus.Drifted),
             new ColumnDrift("age", DriftDistanceKind.KolmogorovSmirnov, 0.02, 0, 0.06, DriftStatus.Stable)],
            "Retrain: 1 of 2 columns (balance) are further from the model than the tolerance.");
        var metadata = Sample() with { Drift = drift };
        var json = JsonSerializer.SerializeToElement(metadata, SynthDataJson.Options);
        Assert.Empty(JsonSchemaValidation.Validate(schema.RootElement, json));
        var published = json.GetProperty("drift");
        Assert.Equal(["balance"], published.GetProperty("drifted_columns").EnumerateArray().Select(c => c.GetProperty("column").GetString()));
        Assert.True(published.GetProperty("retrain_recommended").GetBoolean());
        var card = ModelCard.ToMarkdown(metadata);
        Assert.Contains("## Drift check before training", card);
        Assert.Contains("`job_drift1`", card);
        Assert.Contains("`model-0`", card);
        Assert.Contains("epsilon 0.5", card);
        Assert.Contains("- Drifted: balance: Kolmogorov-Smirnov 0.310 (interval 0.250 to 0.370)", card);
        Assert.DoesNotContain("Drifted: age", card);
        Assert.Contains("Retrain: 1 of 2 columns", card);
        Assert.DoesNotContain("## Drift check", ModelCard.ToMarkdown(Sample())); // no check, no section
    }

    [Theory]
    [InlineData("privacy")]
    [InlineData("policy")]
    [InlineData("software")]
    public void Metadata_missing_a_required_section_fails_validation(string section)
    {
        using var schema = PublishedSchema();
        var node = JsonSerializer.SerializeToNode(Sample(), SynthDataJson.Options)!.AsObject();
        Assert.True(node.Remove(section));
        var errors = JsonSchemaValidation.Validate(schema.RootElement, JsonSerializer.SerializeToElement(node));
        Assert.Contains(errors, e => e.Contains(section, StringComparison.Ordinal));
    }

    [Fact]
    public void Metadata_claiming_not_synthetic_or_with_an_unknown_field_fails_validation()
    {
        using var schema = PublishedSchema();
        var node = JsonSerializer.SerializeToNode(Sample(), SynthDataJson.Options)!.AsObject();
        node["synthetic"] = false;
        node["privacy"]!.AsObject()["raw_sample"] = "x";
        var errors = JsonSchemaValidation.Validate(schema.RootElement, JsonSerializer.SerializeToElement(node));
        Assert.Contains(errors, e => e.Contains("synthetic", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("raw_sample", StringComparison.Ordinal));
    }

    [Fact]
    public void Footer_carries_the_version_and_the_metadata_that_round_trips()
    {
        var metadata = Sample();
        var footer = GovernanceMetadataBuilder.FooterEntries(metadata);
        Assert.Equal(["synthdata.governance", "synthdata.version"], footer.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("0.1.0", footer[GovernanceMetadata.VersionKey]);
        var back = JsonSerializer.Deserialize<GovernanceMetadata>(footer[GovernanceMetadata.GovernanceKey], SynthDataJson.Options)!;
        Assert.Equal(metadata.Privacy.Epsilon, back.Privacy.Epsilon);
        Assert.Equal(metadata.Policy!.Release!.Reasons, back.Policy!.Release!.Reasons);
        Assert.Equal(metadata.Dataset, back.Dataset);
    }

    [Fact]
    public void Model_card_states_the_guarantee_the_relation_every_reason_and_lineage()
    {
        var card = ModelCard.ToMarkdown(Sample(released: false), "bank.synthetic.parquet");
        Assert.Contains("**This file is synthetic.**", card);
        Assert.Contains("epsilon = 2.87, delta = 1E-05", card);
        Assert.Contains("pld_rdp_min accountant", card);
        Assert.Contains(GovernanceMetadataBuilder.NeighbouringRelation, card);
        Assert.Contains("secret randomness", card);
        // The consumer's card carries the canary bound (computed without private rows) but no figure computed on them.
        Assert.Contains("Empirical epsilon (one-run canary audit with 100 canaries on the model's own synthetic rows, 95% lower bound): 0.4", card);
        Assert.DoesNotContain("AUC", card);
        Assert.DoesNotContain("DCR share:", card);
        Assert.Contains("Release: **denied**", card);
        Assert.Contains("the DCR share is 0.710, outside the allowed [0.40, 0.60]", card);
        Assert.Contains("a reviewer rejected the release", card);
        Assert.Contains("Source dataset `ds_abcdefghijklmnopqrstuvwxyz`, 4,000 rows", card);
        Assert.DoesNotContain("partly inferred", card);
        Assert.Contains("## Intended use and limits", card);
    }

    [Fact]
    public void Model_card_of_a_non_private_model_says_there_is_no_guarantee()
    {
        var card = ModelCard.ToMarkdown(Sample(differentiallyPrivate: false, released: false), "baseline.parquet");
        Assert.Contains("No differential-privacy guarantee", card);
        Assert.StartsWith("# Synthetic data card: synthetic data", ModelCard.ToMarkdown(Sample()));
        Assert.DoesNotContain("epsilon =", card);
    }
}
