namespace SynthData.Client.Tests;

public sealed class GovernanceFactsTests
{
    [Fact]
    public void The_guarantee_policy_and_model_are_read_from_the_governance_json()
    {
        var facts = GovernanceFacts.Parse("""
            {"privacy":{"differentially_private":true,"epsilon":0.987,"delta":3e-05,"accountant":"pld_rdp_min"},
             "policy":{"id":"default","release":{"allowed":true}},"model":{"id":"model-1"}}
            """);
        Assert.Equal(new GovernanceFacts(true, 0.987, 3e-05, "pld_rdp_min", "default", "model-1"), facts);
    }

    [Fact]
    public void Missing_or_null_fields_read_as_null_rather_than_as_a_guarantee()
    {
        // A non-private model's metadata has epsilon null and, outside the server, no policy: nothing may read as 0.
        var facts = GovernanceFacts.Parse("""{"privacy":{"differentially_private":false,"epsilon":null,"delta":0},"policy":null}""");
        Assert.Equal(new GovernanceFacts(false, null, 0, null, null, null), facts);
    }
}
