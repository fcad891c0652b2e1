using MathNet.Numerics.Distributions;

namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// Differentially private discovery of a column's category labels when none are declared:
/// exact counts of the observed labels, Gaussian noise on each (L2 sensitivity 1: adding or
/// removing a row changes one label's count by one), and only labels whose noisy count exceeds
/// the threshold tau are released. Labels that occur only because of one row are the threshold's
/// risk: such a label is released with probability P[1 + N(0, sigma^2) > tau], recorded as a
/// <see cref="ThresholdEvent"/> composed with the <see cref="GaussianEvent"/> of the counts.
/// Missing cells (null) are not counted: whether a column has a missing category is decided by
/// the public schema (ColumnSchema.Nullable), so counting them would release nothing useful.
/// </summary>
public sealed class DpCategoryHistogram
{
    readonly GaussianMechanism _counts;

    /// <summary>sigma of the Gaussian noise on each count (sensitivity 1).</summary>
    public double NoiseMultiplier => _counts.NoiseMultiplier;
    /// <summary>tau: a label is released when its noisy count is strictly above this.</summary>
    public double Threshold { get; }
    /// <summary>P[1 + N(0, sigma^2) > tau]: the chance a single row's unique label is released.</summary>
    public double ThresholdDelta { get; }

    DpCategoryHistogram(double noiseMultiplier, double threshold, double thresholdDelta)
    {
        _counts = new GaussianMechanism(noiseMultiplier, l2Sensitivity: 1.0);
        Threshold = threshold;
        ThresholdDelta = thresholdDelta;
    }

    /// <summary>Chooses tau = 1 + sigma * Phi^-1(1 - thresholdDelta) so a unique label leaks with probability thresholdDelta.</summary>
    public static DpCategoryHistogram WithThresholdDelta(double noiseMultiplier, double thresholdDelta)
    {
        if (!(thresholdDelta > 0 && thresholdDelta < 1))
            throw new ArgumentOutOfRangeException(nameof(thresholdDelta), "The threshold delta must be in (0, 1).");
        return new DpCategoryHistogram(noiseMultiplier, ThresholdFor(noiseMultiplier, thresholdDelta), thresholdDelta);
    }

    /// <summary>Uses the given tau; its delta is P[1 + N(0, sigma^2) > tau].</summary>
    public static DpCategoryHistogram WithThreshold(double noiseMultiplier, double threshold)
    {
        if (double.IsNaN(threshold) || double.IsInfinity(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be finite.");
        return new DpCategoryHistogram(noiseMultiplier, threshold, DeltaFor(noiseMultiplier, threshold));
    }

    /// <summary>tau = 1 + sigma * Phi^-1(1 - delta), computed as -Phi^-1(delta) to keep precision for tiny delta.</summary>
    public static double ThresholdFor(double noiseMultiplier, double thresholdDelta) =>
        1.0 - noiseMultiplier * Normal.InvCDF(0, 1, thresholdDelta);

    /// <summary>P[1 + N(0, sigma^2) > tau] = Phi((1 - tau) / sigma).</summary>
    public static double DeltaFor(double noiseMultiplier, double threshold) =>
        Normal.CDF(0, 1, (1.0 - threshold) / noiseMultiplier);

    /// <summary>The privacy event of one release: the noisy counts composed with the threshold's delta.</summary>
    public PrivacyEvent Event => new ComposedEvent([_counts.Event, new ThresholdEvent(ThresholdDelta)]);

    /// <summary>Noisy counts of each label, keeping only labels whose noisy count clears the threshold.</summary>
    /// <param name="labels">The column's cells; null means missing and is not counted.</param>
    /// <param name="noise">The run's noise source (cryptographic in a private run).</param>
    /// <param name="columnName">Schema name of the column, used only for the ledger entry.</param>
    public MechanismOutput<CategoryRelease> Release(IEnumerable<string?> labels, INoiseSource noise, string columnName)
    {
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in labels)
            if (label is not null)
                exact[label] = exact.TryGetValue(label, out int n) ? n + 1 : 1;

        // Ordinal order so the noise draw assigned to each label does not depend on row order.
        var observed = exact.Keys.Order(StringComparer.Ordinal).ToArray();
        var counts = observed.Select(l => (double)exact[l]).ToArray();
        var noisy = _counts.Release(counts, noise, "unused", "unused").Value;

        var kept = new List<string>();
        var keptCounts = new List<double>();
        for (int i = 0; i < observed.Length; i++)
        {
            if (noisy[i] > Threshold)
            {
                kept.Add(observed[i]);
                keptCounts.Add(noisy[i]);
            }
        }

        var record = new MechanismRecord($"category_histogram:{columnName}",
            $"Category labels of column '{columnName}': noisy label counts (Gaussian, multiplier {NoiseMultiplier:R}, " +
            $"L2 sensitivity 1) released above threshold {Threshold:R} (threshold delta {ThresholdDelta:R}).", Event);
        return new MechanismOutput<CategoryRelease>(new CategoryRelease(kept, keptCounts), record);
    }
}
