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
}
