namespace SynthData.Core.Tabular.Encoding;

/// <summary>
/// How the table transformer is fitted, including the noise of the differentially private steps
/// that read private rows. Each DP step is one Gaussian release per column (see
/// <see cref="PreprocessingPlan"/>), composed by the accountant with DP-SGD.
/// </summary>
public sealed record PreprocessingOptions
{
    /// <summary>Noise multiplier of the label-count histogram of each categorical column without declared categories.</summary>
    public double CategoryNoiseMultiplier { get; init; } = 10.0;

    /// <summary>
    /// P[a label present only because of one row is released], per such column; the sum over
    /// columns is added to the run's delta, so it must be well below the overall delta target.
    /// </summary>
    public double CategoryThresholdDelta { get; init; } = 1e-7;

    /// <summary>Noise multiplier of the bin-count histogram of each numeric column that needs DP quantiles.</summary>
    public double QuantileNoiseMultiplier { get; init; } = 10.0;

    /// <summary>Knots of each numeric column's quantile transform.</summary>
    public int QuantileKnots { get; init; } = 64;

    /// <summary>Quantile levels used as the clip bounds of columns without declared bounds (outliers beyond are clipped).</summary>
    public double LowerBoundLevel { get; init; } = 0.005;
    /// <summary>Quantile level used as the upper clip bound (see <see cref="LowerBoundLevel"/>).</summary>
    public double UpperBoundLevel { get; init; } = 0.995;

    /// <summary>Resolution of the public log-scale grid for columns of unknown range.</summary>
    public int LogGridBinsPerDecade { get; init; } = 24;

    /// <summary>Bins of the uniform grid between declared bounds.</summary>
    public int DeclaredBoundsBins { get; init; } = 256;

    /// <summary>
    /// With declared Min and Max: true spends a DP histogram on quantile knots within the bounds (a
    /// better-shaped transform); false uses a free linear map of [Min, Max] (uniform CDF).
    /// </summary>
    public bool QuantilesWithinDeclaredBounds { get; init; } = true;

    /// <summary>The label that rare, unlisted or unseen labels map to (and decode as).</summary>
    public string OtherLabel { get; init; } = "other";

    /// <summary>Normal scores are clipped to +-this.</summary>
    public double NormalScoreClip { get; init; } = 5.0;

    internal void Validate()
    {
        if (!(CategoryNoiseMultiplier > 0)) throw new ArgumentOutOfRangeException(nameof(CategoryNoiseMultiplier));
        if (!(QuantileNoiseMultiplier > 0)) throw new ArgumentOutOfRangeException(nameof(QuantileNoiseMultiplier));
        if (!(CategoryThresholdDelta > 0 && CategoryThresholdDelta < 1)) throw new ArgumentOutOfRangeException(nameof(CategoryThresholdDelta));
        if (QuantileKnots < 2) throw new ArgumentOutOfRangeException(nameof(QuantileKnots));
        if (!(LowerBoundLevel >= 0 && LowerBoundLevel < UpperBoundLevel && UpperBoundLevel <= 1))
            throw new ArgumentOutOfRangeException(nameof(LowerBoundLevel), "Bound levels must satisfy 0 <= lower < upper <= 1.");
        if (LogGridBinsPerDecade < 1) throw new ArgumentOutOfRangeException(nameof(LogGridBinsPerDecade));
        if (DeclaredBoundsBins < 1) throw new ArgumentOutOfRangeException(nameof(DeclaredBoundsBins));
        if (!(NormalScoreClip > 0)) throw new ArgumentOutOfRangeException(nameof(NormalScoreClip));
    }
}
