using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Rdp;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Model.Training;

/// <summary>
/// The public parameters of a run, fixed before any value is read: the preprocessing mechanisms
/// (from the schema alone), q, T and the calibrated noise multiplier. Only the training row count
/// enters, as in every DP-SGD implementation (q = B / N).
/// </summary>
/// <param name="Calibrated">The tight accountant's figure for the planned run; null without privacy.</param>
/// <param name="Private">False for a non-private baseline: no clipping, no noise, no guarantee.</param>
/// <param name="Delta">The target delta (given, or the default for the training row count).</param>
/// <param name="SamplingRate">q: the Poisson sampling rate, batch size over training rows.</param>
/// <param name="Steps">T: the number of DP-SGD steps, from the epochs and q.</param>
/// <param name="NoiseMultiplier">sigma, calibrated so the whole run meets the target epsilon; 0 without privacy.</param>
/// <param name="MaxGradNorm">C: the per-row gradient clipping norm.</param>
/// <param name="PreprocessingEvents">The DP mechanisms preprocessing will run, derived from the schema alone.</param>
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
    /// <summary>Plans a run: preprocessing events, q, T and (unless no privacy is asked for) the noise multiplier for the target epsilon.</summary>
    public static PrivacyPlan Create(TrainingConfiguration config, TableSchema schema, long trainingRows)
    {
        if (trainingRows < 2) throw new InvalidInputException($"Training needs at least 2 rows; the split left {trainingRows}.");
        int batchSize = config.BatchSizeFor(trainingRows);
        if (batchSize < 1) throw new InvalidInputException($"The batch size must be at least 1; got {batchSize}.", "batch_size");
        if (!(config.MaxGradNorm > 0)) throw new InvalidInputException($"The clipping norm must be positive; got {config.MaxGradNorm}.", "max_grad_norm");
        double q = Math.Min(1.0, (double)batchSize / trainingRows);
        long steps = NoiseCalibrator.StepsForEpochs(config.Epochs, q);
        double delta = config.Delta ?? DeltaPolicy.Default(trainingRows);
        if (config.NoPrivacy)
            return new PrivacyPlan(false, delta, q, steps, 0, config.MaxGradNorm,
                PreprocessingPlan.For(schema, config.Preprocessing).Events, null) { Preprocessing = config.Preprocessing };

        if (config.Epsilon is not { } epsilon)
            throw new InvalidInputException("A target epsilon is required (or ask explicitly for a non-private baseline).", "epsilon");
        DeltaPolicy.Validate(epsilon, delta, trainingRows);
        var start = ThresholdDeltaWithin(config.Preprocessing, schema, delta);
        var options = config.PreprocessingEpsilonShare is { } share
            ? WithinShare(start, schema, share * epsilon, delta)
            : WithinChosenShare(start, schema, epsilon, delta, trainingRows);
        var preprocessing = PreprocessingPlan.For(schema, options).Events;
        var calibrated = new NoiseCalibrator().Calibrate(epsilon, delta, q, steps, new ComposedEvent(preprocessing));
        return new PrivacyPlan(true, delta, q, steps, calibrated.NoiseMultiplier, config.MaxGradNorm, preprocessing, calibrated.Guarantee)
            { Preprocessing = options };
    }

    /// <summary>
    /// Lowers the category threshold delta (never raises it) so that the k undeclared categorical columns together
    /// set aside at most a tenth of the run's delta. A fixed 1e-7 per column made every run infeasible once the
    /// default delta 1/(10 N) reached it (about a million rows); scaled, any delta the policy allows leaves
    /// nine tenths for the rest of the run, at every N.
    /// </summary>
    static PreprocessingOptions ThresholdDeltaWithin(PreprocessingOptions options, TableSchema schema, double delta)
    {
        int categories = PreprocessingPlan.For(schema, options).Columns.Count(c => c.Treatment == ColumnTreatment.DpCategories);
        return categories == 0 ? options
            : options with { CategoryThresholdDelta = Math.Min(options.CategoryThresholdDelta, delta / (10.0 * categories)) };
    }

    /// <summary>The shares of epsilon <see cref="WithinChosenShare"/> tries, smallest first.</summary>
    static readonly double[] CandidateShares = [0.2, 0.25, 0.3, 0.35, 0.4];

    /// <summary>
    /// The cap on preprocessing's share of epsilon, from public facts only (N, epsilon, the schema): the smallest of
    /// 20% to 40% at which every DP release's noise multiplier is at most N / 100, so that a label held by 5% of the
    /// rows clears the release threshold (about 5 noise deviations) and a quantile tree's upper nodes stand well above
    /// their noise. 20% was the fixed share before; at 800 to 4,000 rows with undeclared columns it left every label
    /// below the threshold (bench quality, german-credit at epsilon 1: the weakest column scored 0.000 at 20%, 0.289
    /// at 40%; shape 0.568 against 0.685), while at 45,000 rows 20% already meets the test. Unused share is not lost:
    /// DP-SGD is calibrated on what preprocessing actually costs.
    /// </summary>
    /// <returns>The preprocessing options fitted to the chosen share (each candidate's fit is kept, not redone).</returns>
    static PreprocessingOptions WithinChosenShare(PreprocessingOptions start, TableSchema schema, double epsilon, double delta, long trainingRows)
    {
        if (PreprocessingPlan.For(schema, start).Events.Count == 0) return start;
        PreprocessingOptions options = start;
        foreach (double share in CandidateShares)
        {
            options = WithinShare(start, schema, share * epsilon, delta);
            if (Math.Max(options.CategoryNoiseMultiplier, options.QuantileNoiseMultiplier) <= trainingRows / 100.0) break;
        }
        return options;
    }

    /// <summary>The preprocessing options the transformer must be fitted with (noise scaled to the budget).</summary>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>
    /// Raises the preprocessing noise multipliers (never lowers them) until preprocessing alone costs at
    /// most its share of epsilon (by RDP, an upper bound), so a table with many undeclared columns still
    /// leaves most of the budget to training. Declaring bounds and categories in the schema costs nothing.
    /// </summary>
    static PreprocessingOptions WithinShare(PreprocessingOptions options, TableSchema schema, double epsilonShare, double delta)
    {
        var rdp = new RdpAccountant();
        PreprocessingOptions Scaled(double factor) => options with
        {
            CategoryNoiseMultiplier = options.CategoryNoiseMultiplier * factor,
            QuantileNoiseMultiplier = options.QuantileNoiseMultiplier * factor,
        };
        bool Fits(double factor)
        {
            var events = PreprocessingPlan.For(schema, Scaled(factor)).Events;
            return events.Count == 0 || rdp.GetEpsilon(new ComposedEvent(events), delta).Epsilon <= epsilonShare;
        }
        if (Fits(1)) return options;
        double low = 1, high = 2;
        while (!Fits(high))
        {
            low = high;
            high *= 2;
            if (high > 1e6) throw new PreprocessingBudgetException(epsilonShare);
        }
        while (high / low > 1.01)
        {
            double mid = Math.Sqrt(low * high);
            if (Fits(mid)) high = mid; else low = mid;
        }
        return Scaled(high);
    }

    /// <summary>The DP-SGD entry of the ledger for the steps actually taken.</summary>
    public MechanismRecord TrainingRecord(long stepsTaken) => new(
        "dp_sgd",
        $"DP-SGD: {stepsTaken} steps, each on a Poisson sample (rate {SamplingRate:G4}) with every row's whole gradient " +
        $"clipped to norm {MaxGradNorm:G3} and Gaussian noise of multiplier {NoiseMultiplier:G5} added to the sum",
        NoiseCalibrator.TrainingEvent(SamplingRate, NoiseMultiplier, stepsTaken));
}
