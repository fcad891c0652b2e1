using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Model.Training;

/// <summary>A fitted transformer and trained VAE with the ledger of every mechanism that read the rows.</summary>
/// <param name="Transformer">The transformer fitted with DP on the training rows.</param>
/// <param name="Vae">The trained network.</param>
/// <param name="Ledger">Every mechanism that read the rows: preprocessing and the DP-SGD steps taken.</param>
/// <param name="Outcome">How training ended.</param>
public sealed record TrainedGenerator(
    TableTransformer Transformer, TabularVae Vae, IReadOnlyList<MechanismRecord> Ledger, TrainingOutcome Outcome);

/// <summary>
/// Fits the DP transformer and trains the VAE on training rows under a fixed <see cref="PrivacyPlan"/>.
/// The canary audit calls this too, so a canary run uses exactly the released model's settings.
/// </summary>
public static class ModelTrainer
{
    /// <summary>Fits the DP transformer on the rows, then trains: the released model's path.</summary>
    public static TrainedGenerator Train(TabularData trainingRows, PrivacyPlan plan, TrainingConfiguration config,
        IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default, Action<long>? beforeStep = null)
    {
        var randomness = RunRandomness.For(config.Randomness, config.Seed);
        progress?.Report(RunProgress.Entering(RunStage.Preprocess, steps: plan.Steps));
        var (transformer, preprocessingRecords) = TableTransformer.Fit(trainingRows, plan.Preprocessing, randomness.Noise("preprocessing"));
        if (cancellationToken.IsCancellationRequested) throw new TrainingCancelledException(0, preprocessingRecords);
        return TrainWith(transformer, preprocessingRecords, trainingRows, plan, config, randomness, progress, cancellationToken, beforeStep);
    }

    /// <summary>
    /// Trains a VAE on rows encoded by an already fitted transformer, under the plan's sigma, q, T and C. The
    /// canary audit uses this with the released model's transformer and fresh randomness, on rows that are
    /// not private, so it reads no private row.
    /// </summary>
    public static TrainedGenerator TrainWith(TableTransformer transformer, IReadOnlyList<MechanismRecord> preprocessingRecords,
        TabularData trainingRows, PrivacyPlan plan, TrainingConfiguration config, RunRandomness randomness,
        IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default, Action<long>? beforeStep = null)
    {
        // Dequantised, so integer and tied values give the Gaussian likelihood continuous targets; the levels
        // enter the gradients, so they come from the run's (secret) stream.
        var encoded = transformer.Encode(trainingRows, randomness.Random("dequantize"));
        var vae = new TabularVae(transformer.Layout, config.Model, DerivedSeed.For(config.Seed, "model-init"));
        var spent = progress is null ? null : SpentEpsilonSchedule.For(plan, preprocessingRecords);
        var stepProgress = progress is null ? null : new InlineProgress<TrainingProgress>(p =>
            progress.Report(new RunProgress(RunStage.Train, p.Step, p.Steps, p.Epoch, p.MeanLoss, spent?.After(p.Step))));
        var options = new DpSgdOptions
        {
            SamplingRate = plan.SamplingRate,
            Steps = plan.Steps,
            NoiseMultiplier = plan.NoiseMultiplier,
            MaxGradNorm = plan.MaxGradNorm,
            LearningRate = config.LearningRate,
            Private = plan.Private,
        };
        var outcome = DpSgdTrainer.Train(vae, encoded, trainingRows.RowCount, options, randomness,
            stepProgress, reportEvery: (int)Math.Clamp(plan.Steps / 100, 1, 50),
            cancellationToken: cancellationToken, beforeStep: beforeStep);

        var ledger = preprocessingRecords.ToList();
        if (plan.Private) ledger.Add(plan.TrainingRecord(outcome.StepsTaken));
        return new TrainedGenerator(transformer, vae, ledger, outcome);
    }
}
