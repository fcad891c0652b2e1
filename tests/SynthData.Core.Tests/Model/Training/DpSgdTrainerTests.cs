using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Tests.Privacy.DpSgd;
using Xunit;
using static TorchSharp.torch;

namespace SynthData.Core.Tests.Model.Training;

public sealed class DpSgdTrainerTests
{
    /// <summary>Structured rows: the category of c1 decides the sign of x1, so there is something to learn.</summary>
    static float[] Structured(int rows, int seed)
    {
        var data = TinyModels.Rows(rows, seed);
        for (int r = 0; r < rows; r++)
        {
            var row = data.AsSpan(r * TinyModels.Layout.Width, TinyModels.Layout.Width);
            row[0] = (row[1] == 1 ? 1.5f : -1.5f) + 0.1f * row[0];
        }
        return data;
    }

    static double MeanLoss(TabularVae model, float[] rows) =>
        model.MeanRowLosses(rows, rows.Length / TinyModels.Layout.Width, draws: 4, seed: 1).Average();

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.5)]
    public void Training_lowers_the_loss_with_and_without_privacy(bool isPrivate, double sigma)
    {
        var rows = Structured(2000, 1);
        using var model = TinyModels.Model(3, ScalarType.Float32);
        double before = MeanLoss(model, rows);
        var outcome = DpSgdTrainer.Train(model, rows, 2000, new DpSgdOptions
        {
            SamplingRate = 0.05, Steps = 300, NoiseMultiplier = sigma, MaxGradNorm = 1.0, LearningRate = 5e-3, Private = isPrivate,
        }, RunRandomness.Reproducible(4));
        double after = MeanLoss(model, rows);
        Assert.Equal(300, outcome.StepsTaken);
        Assert.False(outcome.Cancelled);
        Assert.True(after < before, $"loss {before:F3} -> {after:F3}");
    }

    [Fact]
    public void Cancellation_stops_between_steps_and_counts_them_exactly()
    {
        var rows = Structured(200, 2);
        using var model = TinyModels.Model(5, ScalarType.Float32);
        using var cancel = new CancellationTokenSource();
        var seen = new List<long>();
        var progress = new InlineProgress<TrainingProgress>(p => { seen.Add(p.Step); if (p.Step == 7) cancel.Cancel(); });
        var outcome = DpSgdTrainer.Train(model, rows, 200, new DpSgdOptions { SamplingRate = 0.1, Steps = 100, NoiseMultiplier = 1 },
            RunRandomness.Reproducible(1), progress, reportEvery: 1, cancellationToken: cancel.Token);
        Assert.True(outcome.Cancelled);
        Assert.Equal(7, outcome.StepsTaken);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), seen);
    }

    [Fact]
    public void The_same_seeds_train_the_same_weights_and_they_survive_save_and_load()
    {
        var rows = Structured(300, 3);
        byte[] Train()
        {
            using var model = TinyModels.Model(6, ScalarType.Float32);
            DpSgdTrainer.Train(model, rows, 300, new DpSgdOptions { SamplingRate = 0.1, Steps = 20, NoiseMultiplier = 1 }, RunRandomness.Reproducible(2));
            return VaeWeights.Save(model);
        }
        var weights = Train();
        Assert.Equal(weights, Train());
        using var loaded = VaeWeights.Load(TinyModels.Layout, new VaeOptions { EncoderHidden = [16, 8], DecoderHidden = [8, 16], LatentDim = 4 }, weights);
        Assert.Equal(weights, VaeWeights.Save(loaded));
        using var g1 = new Generator(4);
        using var g2 = new Generator(4);
        using var original = VaeWeights.Load(TinyModels.Layout, loaded.Options, weights);
        Assert.Equal(original.Sample(50, g1), loaded.Sample(50, g2));
    }
}
