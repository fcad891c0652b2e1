using MathNet.Numerics.Distributions;

namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// Differentially private quantiles of one numeric column: a histogram over a public
/// <see cref="HistogramGrid"/> with Gaussian noise on every bin (L2 sensitivity 1: adding or
/// removing a row changes one bin by one), then post-processing only: counts below a small
/// threshold are zeroed, cumulative sums give monotone quantile estimates, interpolated within bins.
/// The cost is one <see cref="GaussianEvent"/>(noise multiplier) per column.
/// Bounds taken from these quantiles (e.g. the 0.5% and 99.5% levels) clip outliers and sparse
/// tails on purpose: a lone extreme row cannot move them, which is what makes them private.
/// </summary>
public sealed class DpQuantiles
{
    /// <summary>Target expected number of empty bins whose noise survives the post-processing threshold.</summary>
    const double ExpectedFalseBins = 0.01;

    readonly GaussianMechanism _histogram;

    public DpQuantiles(double noiseMultiplier) => _histogram = new GaussianMechanism(noiseMultiplier, l2Sensitivity: 1.0);

    public double NoiseMultiplier => _histogram.NoiseMultiplier;
    public GaussianEvent Event => _histogram.Event;

    /// <summary>Monotone estimates of the quantiles at the given levels (non-decreasing, in [0, 1]).</summary>
    /// <param name="values">The column; NaN (missing) cells are not counted.</param>
    public MechanismOutput<double[]> Release(ReadOnlySpan<double> values, HistogramGrid grid, IReadOnlyList<double> levels,
        INoiseSource noise, string columnName)
    {
        ValidateLevels(levels);
        var histogram = NoisyHistogram(values, grid, noise, columnName);
        var quantiles = QuantilesFromNoisyCounts(histogram.Value, grid, levels, NoiseMultiplier);
        return new MechanismOutput<double[]>(quantiles, histogram.Record);
    }

    /// <summary>The raw noisy bin counts (before any post-processing); the release underlying <see cref="Release"/>.</summary>
    internal MechanismOutput<double[]> NoisyHistogram(ReadOnlySpan<double> values, HistogramGrid grid, INoiseSource noise, string columnName)
    {
        var counts = new double[grid.BinCount];
        foreach (double v in values)
            if (!double.IsNaN(v))
                counts[grid.BinOf(v)] += 1;
        return _histogram.Release(counts, noise, $"quantiles:{columnName}",
            $"Histogram of column '{columnName}' over a public grid of {grid.BinCount} bins (L2 sensitivity 1), for quantile estimates.");
    }

    /// <summary>
    /// Post-processing of a noisy histogram (no privacy cost). Counts at or below
    /// sigma * Phi^-1(1 - 0.01 / bins) are zeroed: otherwise the many empty bins of a wide grid
    /// would each contribute positive clamped noise (about 0.4 sigma on average) and drag the
    /// quantiles far from the data; with this threshold about 0.01 empty bins survive per release.
    /// </summary>
    public static double[] QuantilesFromNoisyCounts(IReadOnlyList<double> noisyCounts, HistogramGrid grid, IReadOnlyList<double> levels,
        double noiseMultiplier)
    {
        ValidateLevels(levels);
        if (noisyCounts.Count != grid.BinCount) throw new ArgumentException("One count per grid bin is required.", nameof(noisyCounts));
        double cutoff = -noiseMultiplier * Normal.InvCDF(0, 1, ExpectedFalseBins / grid.BinCount);
        var weights = new double[grid.BinCount];
        double total = 0;
        for (int b = 0; b < weights.Length; b++)
        {
            weights[b] = noisyCounts[b] > cutoff ? noisyCounts[b] : 0.0;
            total += weights[b];
        }
        if (!(total > 0))
        {
            grid.UninformativeWeights.CopyTo(weights);
            total = weights.Sum();
        }

        var quantiles = new double[levels.Count];
        int bin = 0;
        double below = 0; // total weight of bins before `bin`
        int lastNonEmpty = Array.FindLastIndex(weights, w => w > 0);
        for (int i = 0; i < levels.Count; i++)
        {
            double target = levels[i] * total;
            // Advance to the first non-empty bin whose cumulative weight reaches the target.
            while (bin < lastNonEmpty && (weights[bin] <= 0 || below + weights[bin] < target))
            {
                below += weights[bin];
                bin++;
            }
            var (lower, upper) = grid.Range(bin);
            double within = Math.Clamp((target - below) / weights[bin], 0.0, 1.0);
            quantiles[i] = lower + (upper - lower) * within;
            if (i > 0 && quantiles[i] < quantiles[i - 1]) quantiles[i] = quantiles[i - 1];
        }
        return quantiles;
    }

    static void ValidateLevels(IReadOnlyList<double> levels)
    {
        for (int i = 0; i < levels.Count; i++)
        {
            if (!(levels[i] >= 0 && levels[i] <= 1)) throw new ArgumentOutOfRangeException(nameof(levels), "Levels must lie in [0, 1].");
            if (i > 0 && levels[i] < levels[i - 1]) throw new ArgumentException("Levels must be non-decreasing.", nameof(levels));
        }
    }
}
