using System.Text.Json;
using SynthData.Core.Generation;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Core.Tests.Tabular;
using SynthData.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace SynthData.Core.Tests.Privacy.Randomness;

/// <summary>
/// The adversary of issue 13 kept in the suite. They hold everything published with a model (its footer, its
/// artifact's public configuration) and two candidate tables, D and D minus one row, and replay training on
/// each with every seed that was published. Against replayable randomness that is an exact membership test
/// (the replay on D reproduces the released weights bit for bit); against secret randomness the released
/// weights are no closer to the replay on D than to the replay on D minus one row.
/// </summary>
public sealed class ReplayAttackTests : IDisposable
{
    readonly TestFiles _files = new();

    static readonly VaeOptions Small = new() { EncoderHidden = [32], DecoderHidden = [32], LatentDim = 8 };

    /// <summary>D (400 rows) and D minus one row that the reproducible split puts among the training rows (a holdout row
    /// would leave both training sets equal, and the replays too).</summary>
    (string D, string DMinusOne) Tables()
    {
        var lines = File.ReadLines(TestFiles.Sample("bank-marketing.csv")).Take(1 + 400).ToList();
        string d = _files.PathOf("d.csv"), dMinusOne = _files.PathOf("d-minus-one.csv");
        File.WriteAllLines(d, lines);
        var (source, _) = TrainingPipeline.Prepare(Input(d), Config(RandomnessMode.ReproducibleInsecure));
        int member = source.Split.TrainingRows[source.Split.TrainingRows.Length / 2];
        File.WriteAllLines(dMinusOne, lines.Where((_, i) => i != member + 1)); // line 0 is the header
        return (d, dMinusOne);
    }

    static TrainingInput Input(string table)
    {
        using var reader = TableReaders.Open(table);
        var schema = SchemaResolver.Resolve(reader, SchemaFile.Load(TestFiles.Sample("bank-marketing.schema.json")));
        return new TrainingInput(table, schema, TestKeys.Fingerprint);
    }

    TrainedModel Train(string table, TrainingConfiguration config, string name) =>
        TrainingPipeline.Run(Input(table), config, _files.PathOf(name));

    /// <summary>Euclidean distance between the weights; infinite when the models differ in shape.</summary>
    static double Distance(TrainedModel a, TrainedModel b)
    {
        // Under secret noise the released run's DP preprocessing may keep another set of categories than a replay's:
        // the models then have different layer widths and no replay lines up with the released weights at all.
        if (a.Vae.ParameterCount != b.Vae.ParameterCount) return double.PositiveInfinity;
        using var scope = NewDisposeScope();
        var x = cat(a.Vae.Parameters.Select(p => p.detach().flatten()).ToArray()).to_type(ScalarType.Float64);
        var y = cat(b.Vae.Parameters.Select(p => p.detach().flatten()).ToArray()).to_type(ScalarType.Float64);
        return (x - y).norm().item<double>();
    }

    /// <summary>The attack: replay on both candidates with the published configuration; which replay lands closer?</summary>
    (double ToD, double ToDMinusOne) Replay(TrainedModel released, string d, string dMinusOne)
    {
        // The artifact's configuration is all the attacker has; its only seed is the public one, so they replay with it.
        var published = released.Manifest.Configuration with { Randomness = RandomnessMode.ReproducibleInsecure };
        using var onD = Train(d, published, "replay-d.model");
        using var onDMinusOne = Train(dMinusOne, published, "replay-d1.model");
        return (Distance(released, onD), Distance(released, onDMinusOne));
    }

    static TrainingConfiguration Config(RandomnessMode mode) =>
        new() { Epsilon = 1, Epochs = 2, BatchSize = 64, Seed = 5, Randomness = mode, Model = Small };

    [Fact]
    public void Secret_randomness_defeats_the_replay_and_nothing_published_carries_a_training_seed()
    {
        var (d, dMinusOne) = Tables();
        using var released = Train(d, Config(RandomnessMode.Secure), "released.model");
        var (toD, toDMinusOne) = Replay(released, d, dMinusOne);
        // No bit-for-bit replay, and the replay on D is not singled out: with secret noise, batches and split both
        // replays are independent of the released run, so the two distances have one law (the ratio is near 1;
        // under replayable randomness it is 0, see below).
        Assert.True(toD > 0, "the replay on D reproduced the released weights");
        Assert.True(double.IsPositiveInfinity(toD) || toD > 0.5 * toDMinusOne,
            $"replay on D is closer ({toD:G4}) than on D minus one row ({toDMinusOne:G4})");

        var generator = new SyntheticTableGenerator(released);
        var footer = GovernanceMetadataBuilder.Build(released, "ds-test", generator, null, null, 0, null, null, null, seed: 1, rows: 10);
        using var json = JsonDocument.Parse(GovernanceMetadataBuilder.FooterEntries(footer)[GovernanceMetadata.GovernanceKey]);
        Assert.False(json.RootElement.GetProperty("training").TryGetProperty("seed", out _));
        Assert.Equal("secure", json.RootElement.GetProperty("privacy").GetProperty("randomness").GetString());
        Assert.True(json.RootElement.GetProperty("privacy").GetProperty("differentially_private").GetBoolean());
        // The split key lives beside the artifact, never inside it.
        string artifact = File.ReadAllText(released.ArtifactPath, System.Text.Encoding.Latin1);
        Assert.DoesNotContain(Convert.ToHexString(SplitKeyFile.Read(released.ArtifactPath)), artifact, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(SplitKeyFile.Read(released.ArtifactPath)), artifact);
    }

    /// <summary>The same attack against the labelled reproducible mode: it works, which is why that mode is never released.</summary>
    [Fact]
    public void Replayable_randomness_is_an_exact_membership_test_and_is_labelled_not_private()
    {
        var (d, dMinusOne) = Tables();
        using var released = Train(d, Config(RandomnessMode.ReproducibleInsecure), "reproducible.model");
        var (toD, toDMinusOne) = Replay(released, d, dMinusOne);
        Assert.Equal(0, toD);
        Assert.True(toDMinusOne > 0);

        var footer = GovernanceMetadataBuilder.Build(released, "ds-test", new SyntheticTableGenerator(released), null, null, 0, null, null, null, 1, 10);
        Assert.False(footer.Privacy.DifferentiallyPrivate);
        Assert.Equal("reproducible-insecure", footer.Privacy.Randomness);
        Assert.Contains(RandomnessLabel.NotPrivate, footer.Privacy.Warning);
        Assert.Contains(RandomnessLabel.NotPrivate, ModelCard.ToMarkdown(footer));
    }

    public void Dispose() => _files.Dispose();
}
