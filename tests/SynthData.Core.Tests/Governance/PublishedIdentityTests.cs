using System.Security.Cryptography;
using SynthData.Core.Generation;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Tests.Model.Training;
using Xunit;

namespace SynthData.Core.Tests.Governance;

/// <summary>
/// What SynthData publishes about a model (the Parquet footer and the model card) names the source by a random id and
/// row counts only: no hash of the file, which anyone holding candidate files could use to confirm the real one.
/// </summary>
public sealed class PublishedIdentityTests(SampleModelFixture fixture) : IClassFixture<SampleModelFixture>
{
    [Fact]
    public void Neither_the_footer_nor_the_card_carries_a_hash_of_the_source()
    {
        var generator = new SyntheticTableGenerator(fixture.Model);
        var metadata = GovernanceMetadataBuilder.Build(fixture.Model, "ds_abcdefghijklmnopqrstuvwxyz", generator, audit: null,
            policyId: null, policyVersion: 0, admission: null, release: null, reviewer: null, seed: 1, rows: 10);
        string footer = string.Join("\n", GovernanceMetadataBuilder.FooterEntries(metadata).Select(e => e.Key + "=" + e.Value));
        string card = ModelCard.ToMarkdown(metadata, "sample.parquet");

        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(fixture.DataPath)));
        string keyed = fixture.Model.Manifest.SourceFingerprint;
        Assert.Equal(64, keyed.Length);
        foreach (string published in new[] { footer, card })
        {
            foreach (string hash in new[] { sha, sha.ToUpperInvariant(), sha[..16], sha[..16].ToUpperInvariant(), keyed, keyed[..16] })
                Assert.DoesNotContain(hash, published, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("ds_abcdefghijklmnopqrstuvwxyz", published);
        }
    }
}
