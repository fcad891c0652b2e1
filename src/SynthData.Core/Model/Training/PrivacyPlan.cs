using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Model.Training;

/// <summary>
/// The public parameters of a run, fixed before any value is read: the preprocessing mechanisms
/// (from the schema alone), q, T and the calibrated noise multiplier. Only the training row count
/// enters, as in every DP-SGD implementation (q = B / N).
/// </summary>
/// <param name="Calibrated">The tight accountant's figure for the planned run; null without privacy.</param>
public sealed record PrivacyPlan(
    bool Private,
    double Delta,
    double SamplingRate,
    long Steps,
    double NoiseMultiplier,
    double MaxGradNorm,
    IReadOnlyList<PrivacyEvent> PreprocessingEvents,
    PrivacyGuarantee? Calibrated)
{
    public static PrivacyPlan Create(TrainingConfiguration config, TableSchema schema, long trainingRows)
    {
        if (trainingRows < 2) throw new ArgumentException($"Training needs at least 2 rows; the split left {trainingRows}.");
        if (config.BatchSize < 1) throw new ArgumentException($"The batch size must be at least 1; got {config.BatchSize}.");
        if (!(config.MaxGradNorm > 0)) throw new ArgumentException($"The clipping norm must be positive; got {config.MaxGradNorm}.");
        double q = Math.Min(1.0, (double)config.BatchSize / trainingRows);
        long steps = NoiseCalibrator.StepsForEpochs(config.Epochs, q);
        var preprocessing = PreprocessingPlan.For(schema, config.Preprocessing).Events;
        double delta = config.Delta ?? DeltaPolicy.Default(trainingRows);
        if (config.NoPrivacy)
            return new PrivacyPlan(false, delta, q, steps, 0, config.MaxGradNorm, preprocessing, null);

        if (config.Epsilon is not { } epsilon)
            throw new ArgumentException("A target epsilon is required (or ask explicitly for a non-private baseline).");
        DeltaPolicy.Validate(epsilon, delta, trainingRows);
        var calibrated = new NoiseCalibrator().Calibrate(epsilon, delta, q, steps, new ComposedEvent(preprocessing));
        return new PrivacyPlan(true, delta, q, steps, calibrated.NoiseMultiplier, config.MaxGradNorm, preprocessing, calibrated.Guarantee);
    }

    /// <summary>The DP-SGD entry of the ledger for the steps actually taken.</summary>
    public MechanismRecord TrainingRecord(long stepsTaken) => new(
        "dp_sgd",
        $"DP-SGD: {stepsTaken} steps, each on a Poisson sample (rate {SamplingRate:G4}) with every row's whole gradient " +
        $"clipped to norm {MaxGradNorm:G3} and Gaussian noise of multiplier {NoiseMultiplier:G5} added to the sum",
        NoiseCalibrator.TrainingEvent(SamplingRate, NoiseMultiplier, stepsTaken));
}
