using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Core.Tests.Tabular;
using SynthData.Core.Tests.TestSupport;
using Xunit;

namespace SynthData.Core.Tests.Model.Training;

/// <summary>The defaults chosen from the training row count: monotone in N, bounded, and never over an explicit option.</summary>
public sealed class HyperparameterRuleTests
{
    static readonly long[] Sizes = [2, 100, 800, 1_999, 2_000, 3_200, 7_999, 8_000, 36_000, 1_000_000, 100_000_000];

    static long Parameters(VaeOptions m, int width = 60) =>
        new[] { width }.Concat(m.EncoderHidden).Append(2 * m.LatentDim).Zip(m.EncoderHidden.Append(2 * m.LatentDim), (a, b) => (long)(a + 1) * b).Sum()
        + new[] { m.LatentDim }.Concat(m.DecoderHidden).Zip(m.DecoderHidden.Append(width), (a, b) => (long)(a + 1) * b).Sum();

    [Fact]
    public void The_network_never_shrinks_as_the_table_grows_and_stays_within_its_bounds()
    {
        var models = Sizes.Select(HyperparameterRule.ModelFor).ToArray();
        for (int i = 1; i < models.Length; i++)
        {
            Assert.True(Parameters(models[i]) >= Parameters(models[i - 1]), $"{Sizes[i]} rows: smaller than at {Sizes[i - 1]}");
            Assert.True(models[i].LatentDim >= models[i - 1].LatentDim);
        }
        Assert.All(models, m => Assert.All(m.EncoderHidden.Concat(m.DecoderHidden),
            w => Assert.InRange(w, HyperparameterRule.SmallWidth, HyperparameterRule.LargeWidth)));
        // Small tables get a narrower network than large ones; large tables keep TVAE's 128 and the latent of 16.
        Assert.Equal([32, 32], HyperparameterRule.ModelFor(800).EncoderHidden);
        Assert.Equal(8, HyperparameterRule.ModelFor(800).LatentDim);
        Assert.Equal([64, 64], HyperparameterRule.ModelFor(3_200).DecoderHidden);
        Assert.Equal([128, 128], HyperparameterRule.ModelFor(36_000).EncoderHidden);
        Assert.Equal(16, HyperparameterRule.ModelFor(36_000).LatentDim);
    }

    [Fact]
    public void The_batch_grows_with_the_table_within_64_and_1024()
    {
        var batches = Sizes.Select(HyperparameterRule.BatchSizeFor).ToArray();
        for (int i = 1; i < batches.Length; i++) Assert.True(batches[i] >= batches[i - 1]);
        Assert.All(batches, b => Assert.InRange(b, 64, 1024));
        Assert.Equal((64, 100, 1024), (batches[2], batches[5], batches[^1]));
    }

    [Fact]
    public void Explicit_options_win_and_the_artifact_records_the_sizes_used()
    {
        var explicitModel = new VaeOptions { EncoderHidden = [256], DecoderHidden = [256], LatentDim = 3 };
        var given = new TrainingConfiguration { Epsilon = 1, BatchSize = 7, Model = explicitModel };
        Assert.Same(explicitModel, given.ModelFor(800));
        Assert.Equal(7, given.BatchSizeFor(800));
        Assert.Equal(given, given.ResolvedFor(800));

        var unset = new TrainingConfiguration { Epsilon = 1 };
        var resolved = unset.ResolvedFor(800);
        Assert.Equal((64, 8), (resolved.BatchSize, resolved.Model!.LatentDim));
        // Resolved once, the sizes no longer depend on N: a canary retraining on more rows builds the same network.
        Assert.Equal(resolved.Model, resolved.ModelFor(40_000));
    }

    [Fact]
    public void A_run_left_to_the_rule_records_the_network_it_trained_and_loads_it_back()
    {
        // A fraction of an epoch without privacy: only the sizes matter here, not the fit.
        using var files = new TestFiles();
        string data = TestFiles.Sample("bank-marketing.csv");
        using var reader = TableReaders.Open(data);
        var input = new TrainingInput(data, SchemaResolver.Resolve(reader, SchemaFile.Load(TestFiles.Sample("bank-marketing.schema.json"))), TestKeys.Fingerprint);
        var config = new TrainingConfiguration { NoPrivacy = true, Epochs = 0.05, Seed = 3, Randomness = RandomnessMode.ReproducibleInsecure };
        using var trained = TrainingPipeline.Run(input, config, files.PathOf("rule.model"));

        var expected = HyperparameterRule.ModelFor(trained.Manifest.TrainingRows);
        var recorded = trained.Manifest.Configuration.Model;
        Assert.NotNull(recorded); // written out, so a canary retraining on other rows builds this same network
        Assert.Equal(expected.EncoderHidden, recorded!.EncoderHidden);
        Assert.Equal(expected.LatentDim, recorded.LatentDim);
        Assert.Equal(HyperparameterRule.BatchSizeFor(trained.Manifest.TrainingRows), trained.Manifest.Configuration.BatchSize);
        using var loaded = TrainedModel.Load(files.PathOf("rule.model"));
        Assert.Equal(trained.Vae.ParameterCount, loaded.Vae.ParameterCount);
    }
}
