namespace SynthData.Core.Drift;

/// <summary>
/// What a drift check is asked to do. Everything here is public: it is printed, stored with the result and shown before
/// the check runs.
/// </summary>
public sealed record DriftSettings
{
    /// <summary>The default epsilon of the check: small next to a training run's, enough for thousands of rows.</summary>
    public const double DefaultEpsilon = 0.5;

    /// <summary>The epsilon the noisy histograms of the new rows cost (at the dataset's delta), charged to its ledger.</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>
    /// A column drifts only when its distance is surely above this (the interval's lower end exceeds it): a generator
    /// is never exact, so a column within this distance of the new rows is as good as it was.
    /// </summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>
    /// The chance that any column of a table drawn like the training rows is flagged (family-wise; each column's
    /// interval is held at this level divided by the number of columns, Bonferroni).
    /// </summary>
    public double FalseAlarmLevel { get; init; } = 0.05;

    /// <summary>Synthetic rows drawn from the model to stand for its marginals (post-processing: costs nothing).</summary>
    public int SyntheticRows { get; init; } = 20_000;

    /// <summary>Simulated errors behind each interval.</summary>
    public int BootstrapReplicates { get; init; } = 2_000;

    /// <summary>At most this many bins for a numeric column (fewer noisy bins: less noise in the cumulative shares).</summary>
    public int MaxNumericBins { get; init; } = 16;

    /// <summary>Seed of the public randomness (synthetic sample, bootstrap); the private noise never comes from it.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on a setting out of range, before any row is read.</summary>
    public void Validate()
    {
        if (!(Epsilon > 0) || double.IsInfinity(Epsilon)) throw new ArgumentOutOfRangeException(nameof(Epsilon), "The drift check's epsilon must be positive and finite.");
        if (!(Tolerance >= 0 && Tolerance < 1)) throw new ArgumentOutOfRangeException(nameof(Tolerance), "The tolerance must be in [0, 1).");
        if (!(FalseAlarmLevel > 0 && FalseAlarmLevel < 1)) throw new ArgumentOutOfRangeException(nameof(FalseAlarmLevel), "The false-alarm level must be in (0, 1).");
        if (SyntheticRows < 100) throw new ArgumentOutOfRangeException(nameof(SyntheticRows), "At least 100 synthetic rows.");
        if (BootstrapReplicates < 100) throw new ArgumentOutOfRangeException(nameof(BootstrapReplicates), "At least 100 bootstrap replicates.");
        if (MaxNumericBins < 2) throw new ArgumentOutOfRangeException(nameof(MaxNumericBins), "At least 2 bins.");
    }
}
