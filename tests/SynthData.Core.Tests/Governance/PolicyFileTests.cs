using SynthData.Core.Generation;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Tests.Tabular;
using Xunit;

namespace SynthData.Core.Tests.Governance;

public sealed class PolicyFileTests
{
    static string PoliciesFolder() => Path.GetDirectoryName(Path.GetDirectoryName(TestFiles.Sample("bank-marketing.csv")))! + "/policies";

    const string Minimal = """
        id: test
        version: 2
        max_epsilon_per_release: 2
        max_delta_factor: 0.1
        lifetime_epsilon_budget: 5
        min_rows: 100
        """;

    [Fact]
    public void The_shipped_policies_load_with_distinct_ids()
    {
        var catalog = PolicyCatalog.Load(PoliciesFolder());
        Assert.Equal(["default", "marketing-strict", "research-permissive"], catalog.All.Select(p => p.Id).Order());
        var strict = catalog.Get("marketing-strict");
        Assert.True(strict.RequireReviewerApproval);
        Assert.Equal(ColumnRelease.Drop, strict.HandlingOf("email"));
        Assert.Equal(ColumnRelease.Replace, catalog.Get("default").HandlingOf("email"));
        Assert.True(strict.MaxEpsilonPerRelease < catalog.Get("default").MaxEpsilonPerRelease);
    }

    [Fact]
    public void A_minimal_policy_takes_the_documented_defaults()
    {
        var policy = PolicyFile.Parse(Minimal, "test.yaml");
        Assert.Equal(2, policy.Version);
        Assert.Equal(0.6, policy.Audit.MaxMiaAucUpper);
        Assert.Equal(ColumnRelease.Drop, policy.HandlingOf("phone")); // unlisted kinds are dropped
    }

    [Theory]
    [InlineData("colour: red\n", "colour", "unknown field")]
    [InlineData("", "id", "missing")]
    [InlineData("max_epsilon_per_release: 6\n", "max_epsilon_per_release", "exceeds lifetime_epsilon_budget")]
    [InlineData("max_delta_factor: 1\n", "max_delta_factor", "below 1")]
    [InlineData("min_rows: lots\n", "min_rows", "expected a number")]
    [InlineData("audit:\n  min_dcr_share: 0.7\n  max_dcr_share: 0.6\n", "audit.min_dcr_share", "above")]
    [InlineData("audit:\n  max_mia_auc: 0.6\n", "audit.max_mia_auc", "unknown field")]
    [InlineData("pii_handling:\n  email: scramble\n", "pii_handling.email", "'drop' or 'replace'")]
    [InlineData("max_epsilon_per_release: -1\n", "max_epsilon_per_release", "outside")]
    [InlineData("max_epsilon_per_release: \"2\"\n", "max_epsilon_per_release", "expected a number")]
    [InlineData("require_reviewer_approval: \"yes\"\n", "require_reviewer_approval", "expected true or false")]
    [InlineData("min_rows: 100.5\n", "min_rows", "whole number")]
    [InlineData("max_delta_factor: 0\n", "max_delta_factor", "outside")]
    [InlineData("id: 42\n", "id", "non-empty string")]
    [InlineData("id: Not_Valid\n", "id", "lower-case")]
    [InlineData("pii_handling:\n  passport: drop\n", "pii_handling.passport", "unknown kind")]
    [InlineData("audit: 0.6\n", "audit", "mapping")]
    public void A_bad_policy_is_refused_naming_the_field(string change, string field, string problem)
    {
        // Replace or add the changed keys on top of the minimal policy.
        var lines = Minimal.Split('\n').ToList();
        string text = change == "" ? string.Join('\n', lines.Where(l => !l.StartsWith("id:", StringComparison.Ordinal))) :
            string.Join('\n', lines.Where(l => !change.StartsWith(l.Split(':')[0] + ":", StringComparison.Ordinal))) + "\n" + change;
        var error = Assert.Throws<PolicyException>(() => PolicyFile.Parse(text, "bad.yaml"));
        Assert.Equal(field, error.Field);
        Assert.Contains("bad.yaml", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Broken_yaml_names_the_line()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyFile.Parse("id: [unclosed\nversion: 1\n", "broken.yaml"));
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void A_json_policy_is_accepted_and_the_catalog_loads_json_files()
    {
        const string json = """
            { "id": "json-policy", "version": 1, "max_epsilon_per_release": 1.5, "max_delta_factor": 0.5,
              "lifetime_epsilon_budget": 4, "min_rows": 10, "pii_handling": { "email": "replace" },
              "audit": { "max_pii_replays": 2, "empirical_epsilon_must_not_exceed_theoretical": false },
              "require_reviewer_approval": true }
            """;
        var policy = PolicyFile.Parse(json, "p.json");
        Assert.Equal((1.5, 0.5, 4.0, 10L), (policy.MaxEpsilonPerRelease, policy.MaxDeltaFactor, policy.LifetimeEpsilonBudget, policy.MinRows));
        Assert.Equal(ColumnRelease.Replace, policy.HandlingOf("email"));
        Assert.Equal(2, policy.Audit.MaxPiiReplays);
        Assert.False(policy.Audit.EmpiricalEpsilonMustNotExceedTheoretical);
        Assert.True(policy.RequireReviewerApproval);

        using var files = new TestFiles();
        files.Write("a.json", json);
        files.Write("b.yaml", Minimal);
        files.Write("notes.txt", "not a policy");
        Assert.Equal(["json-policy", "test"], PolicyCatalog.Load(files.Directory).All.Select(p => p.Id).Order());
        files.Write("c.yml", Minimal);
        var duplicate = Assert.Throws<PolicyException>(() => PolicyCatalog.Load(files.Directory));
        Assert.Equal("id", duplicate.Field);
    }

    [Fact]
    public void A_repeated_field_is_refused()
    {
        var error = Assert.ThrowsAny<PolicyException>(() => PolicyFile.Parse(Minimal + "\nmin_rows: 5\n", "dup.yaml"));
        Assert.Contains("dup.yaml", error.Message);
    }

    [Fact]
    public void The_shipped_policies_validate_against_the_published_policy_schema()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PoliciesFolder() + "/schemas/policy.v1.schema.json"));
        foreach (var file in Directory.EnumerateFiles(PoliciesFolder(), "*.yaml"))
            Assert.Empty(TestSupport.JsonSchemaValidation.Validate(schema.RootElement, YamlAsJson(File.ReadAllText(file))));
        // The schema can fail: an unknown field and a quoted number are both refused, as the parser refuses them.
        var bad = YamlAsJson(Minimal + "\ncolour: red\n").ToString().Replace("\"min_rows\":100", "\"min_rows\":\"100\"", StringComparison.Ordinal);
        var errors = TestSupport.JsonSchemaValidation.Validate(schema.RootElement, System.Text.Json.JsonDocument.Parse(bad).RootElement);
        Assert.Contains(errors, e => e.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("min_rows", StringComparison.Ordinal));
    }

    /// <summary>YAML to JSON with typed plain scalars (numbers, booleans), as a JSON Schema validator expects.</summary>
    static System.Text.Json.JsonElement YamlAsJson(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        return System.Text.Json.JsonSerializer.SerializeToElement(ToNode(stream.Documents[0].RootNode));

        static System.Text.Json.Nodes.JsonNode? ToNode(YamlDotNet.RepresentationModel.YamlNode node) => node switch
        {
            YamlDotNet.RepresentationModel.YamlMappingNode map => new System.Text.Json.Nodes.JsonObject(
                map.Children.Select(kv => KeyValuePair.Create(((YamlDotNet.RepresentationModel.YamlScalarNode)kv.Key).Value!, ToNode(kv.Value)))),
            YamlDotNet.RepresentationModel.YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } b =>
                System.Text.Json.Nodes.JsonValue.Create(b.Value == "true"),
            YamlDotNet.RepresentationModel.YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } n when
                double.TryParse(n.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) =>
                n.Value!.Contains('.', StringComparison.Ordinal) ? System.Text.Json.Nodes.JsonValue.Create(d) : System.Text.Json.Nodes.JsonValue.Create((long)d),
            YamlDotNet.RepresentationModel.YamlScalarNode s => System.Text.Json.Nodes.JsonValue.Create(s.Value),
            _ => throw new NotSupportedException(node.NodeType.ToString()),
        };
    }
}
