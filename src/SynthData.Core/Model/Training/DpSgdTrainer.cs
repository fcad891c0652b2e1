using System.Diagnostics;
using SynthData.Core.Privacy.DpSgd;
using SynthData.Core.Privacy.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace SynthData.Core.Model.Training;

/// <summary>
/// DP-SGD (Abadi et al. 2016) as the accountants model it: each step takes a Poisson sample, clips
/// every row's whole gradient to C, sums, adds N(0, sigma^2 C^2) to the sum, divides by the EXPECTED
/// batch size qN (dividing by the realised size would make the scale data-dependent), then Adam.
/// </summary>
public static class DpSgdTrainer
{
    /// <summary>Trains <paramref name="model"/> on the <paramref name="rows"/> encoded rows; <paramref name="beforeStep"/> is called before each step with its 1-based number.</summary>
    public static TrainingOutcome Train(TabularVae model, float[] encoded, int rows, DpSgdOptions options,
        RunRandomness randomness, IProgress<TrainingProgress>? progress = null, int reportEvery = 50,
        CancellationToken cancellationToken = default, Action<long>? beforeStep = null)
    {
        if (encoded.Length != (long)rows * model.Width) throw new ArgumentException($"Expected {rows} x {model.Width} encoded values.");
        if (options.Steps < 0) throw new ArgumentOutOfRangeException(nameof(options), "Steps cannot be negative.");
        var clock = Stopwatch.StartNew();
        using var data = tensor(encoded, [rows, model.Width]);
        var parameters = model.Parameters.ToArray();
        using var adam = new AdamOptimizer(parameters, options.LearningRate);
        // Every stream that touches the rows or picks what is trained on: secret in a secure run.
        var gradientNoise = new GaussianGradientNoise(randomness.Noise("dp-sgd"));
        var sampler = new PoissonSampler(rows, options.SamplingRate, randomness.Random("batches"));
        var latent = new LatentDraws(randomness.Bits("latent"), model.Options.LatentDim);
        var clipper = IPerSampleClipper.For(options.Clipping, model.Layers);
        double expectedBatch = options.SamplingRate * rows;

        double lossSum = 0, lastMean = double.NaN;
        long lossRows = 0, step = 0;
        int lastBatch = 0;
        for (; step < options.Steps; step++)
        {
            if (cancellationToken.IsCancellationRequested)
                return new TrainingOutcome(step, true, lastMean, clock.Elapsed);
            // Before the step reads any row: a write-ahead charge must cover every step started.
            beforeStep?.Invoke(step + 1);
            using (NewDisposeScope())
            {
                var batch = sampler.NextBatch();
                lastBatch = batch.Length;
                IReadOnlyList<Tensor> gradient;
                if (batch.Length == 0)
                {
                    if (!options.Private) { Report(step + 1); continue; }
                    gradient = ClippedGradient.Zero(model.Layers).Sum;
                }
                else
                {
                    var x = data.index_select(0, tensor(batch.Select(i => (long)i).ToArray()));
                    Tensor Forward()
                    {
                        var losses = model.RowLosses(x, latent.Next(batch.Length));
                        lossSum += losses.detach().sum().to_type(ScalarType.Float64).item<double>();
                        lossRows += batch.Length;
                        return losses;
                    }
                    gradient = options.Private
                        ? clipper.ClippedSum(Forward, options.MaxGradNorm).Sum
                        : autograd.grad([Forward().mean()], parameters).ToArray();
                }
                if (options.Private)
                {
                    gradientNoise.AddInPlace(gradient, options.NoiseMultiplier, options.MaxGradNorm);
                    using (no_grad())
                    using (var divisor = expectedBatch.ToScalar()) // explicit: see AdamOptimizer.Step
                        foreach (var g in gradient) g.div_(divisor);
                }
                adam.Step(gradient);
            }
            Report(step + 1);
        }
        return new TrainingOutcome(step, false, lastMean, clock.Elapsed);

        void Report(long done)
        {
            if (done % reportEvery != 0 && done != options.Steps) return;
            if (lossRows > 0) lastMean = lossSum / lossRows;
            lossSum = 0;
            lossRows = 0;
            progress?.Report(new TrainingProgress(done, options.Steps, done * options.SamplingRate, lastMean, lastBatch));
        }
    }
}
