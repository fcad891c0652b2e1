using SynthData.Core.Governance.TrainingRequests;
using SynthData.Core.Model.Training;
using Xunit;

namespace SynthData.Core.Tests.Governance;

/// <summary>The one set of training-option limits and defaults that the CLI and the server share.</summary>
public sealed class TrainingRequestValidatorTests
{
    [Fact]
    public void Unset_options_take_cores_defaults_and_the_batch_follows_the_table_size()
    {
        var config = TrainingRequestValidator.ToConfiguration(new TrainingRequest { Epsilon = 1 });
        Assert.Equal((30.0, 1.0, 3e-3), (config.Epochs, config.MaxGradNorm, config.LearningRate));
        Assert.Null(config.BatchSize);
        Assert.Null(config.Delta);
        Assert.Equal([128, 128], config.Model.EncoderHidden);
        Assert.Equal(16, config.Model.LatentDim);
        // N/32 clamped to [64, 1024], as the API documents: not a fixed 256.
        Assert.Equal((64, 125, 1024), (config.BatchSizeFor(1_000), config.BatchSizeFor(4_000), config.BatchSizeFor(1_000_000)));
        var given = TrainingRequestValidator.ToConfiguration(new TrainingRequest { Epsilon = 1, BatchSize = 300, HiddenSizes = [64, 32], LatentDim = 8 });
        Assert.Equal(300, given.BatchSizeFor(4_000));
        Assert.Equal([64, 32], given.Model.EncoderHidden);
        Assert.Equal([32, 64], given.Model.DecoderHidden); // the decoder mirrors the encoder
        Assert.Equal(8, given.Model.LatentDim);
    }

    [Fact]
    public void Every_out_of_range_option_is_named_and_a_set_zero_is_not_read_as_the_default()
    {
        var violations = TrainingRequestValidator.Check(new TrainingRequest
        {
            Epsilon = 0, Delta = 0, Epochs = 0, BatchSize = 0, MaxGradNorm = 0, LearningRate = 0, LatentDim = 0, HiddenSizes = [0], Seed = 1L << 40,
        });
        Assert.Equal(["epsilon", "delta", "epochs", "batch_size", "max_grad_norm", "learning_rate", "seed", "latent_dim", "hidden_sizes"],
            violations.Select(v => v.Option));
        Assert.Empty(TrainingRequestValidator.Check(new TrainingRequest { Epsilon = 100, Delta = 1e-12, Epochs = 10_000, BatchSize = 1, LearningRate = 1 }));
        Assert.Equal("epsilon", Assert.Single(TrainingRequestValidator.Check(new TrainingRequest())).Option);
        Assert.Empty(TrainingRequestValidator.Check(new TrainingRequest(), epsilonRequired: false)); // a non-private baseline
        Assert.Equal("delta", TrainingRequestValidator.CheckDelta(1.0 / 4000, 4000)?.Option);
        Assert.Null(TrainingRequestValidator.CheckDelta(null, 4000));
        Assert.Throws<ArgumentException>(() => TrainingRequestValidator.ToConfiguration(new TrainingRequest { Epsilon = 1, Epochs = -1 }));
    }
}
