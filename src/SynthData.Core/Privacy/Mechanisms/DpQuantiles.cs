namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// Differentially private quantiles of one numeric column: a <see cref="HierarchicalHistogram"/> over a public
/// <see cref="HistogramGrid"/> (one Gaussian release of every node's count), made consistent, then read top
/// down: a quantile's rank is routed from the root to a leaf, each node splitting its mass between its children
/// in proportion to their estimated counts, and interpolated inside the leaf's bin. Everything after the release
/// is post-processing. The cost is one <see cref="GaussianEvent"/>(noise multiplier) per column.
/// A child whose estimate is within <see cref="PruneSigmas"/> noise deviations of zero gets no mass while its
/// sibling has some: otherwise the noise of the grid's vast empty ranges (a log grid spans 1e-3 to 1e12) would
/// pull quantiles far outside the data. The price is a clipped sparse tail (a region holding fewer rows than
/// that threshold beside a denser sibling), which is also what keeps a lone extreme row from moving the bounds.
/// </summary>
public sealed class DpQuantiles
{
    /// <summary>
    /// A truly empty node passes 3 standard deviations of its noise with probability 0.13%; a descent looks at
    /// about two nodes per level, so a release routes mass into an empty region rarely.
    /// </summary>
    public const double PruneSigmas = 3.0;

    /// <summary>Quantiles released with Gaussian noise of multiplier <paramref name="noiseMultiplier"/> on every node count (validated here).</summary>
    public DpQuantiles(double noiseMultiplier)
    {
        // Validates the multiplier the same way every release will.
        _ = new GaussianMechanism(noiseMultiplier, l2Sensitivity: 1.0);
        NoiseMultiplier = noiseMultiplier;
    }

    /// <summary>sigma of the noise on each node count (sensitivity 1).</summary>
    public double NoiseMultiplier { get; }
    /// <summary>The privacy event of one column's release.</summary>
    public GaussianEvent Event => new(NoiseMultiplier);

    /// <summary>Monotone estimates of the quantiles at the given levels (non-decreasing, in [0, 1]).</summary>
    /// <param name="values">The column; NaN (missing) cells are not counted.</param>
    /// <param name="grid">The public bins the values are counted in.</param>
    /// <param name="levels">The quantile levels in [0, 1], e.g. 0.01 and 0.99.</param>
    /// <param name="noise">The run's noise source (cryptographic in a private run).</param>
    /// <param name="columnName">Schema name of the column, used only for the ledger entry.</param>
    public MechanismOutput<double[]> Release(ReadOnlySpan<double> values, HistogramGrid grid, IReadOnlyList<double> levels,
        INoiseSource noise, string columnName)
    {
        ValidateLevels(levels);
        var tree = new HierarchicalHistogram(NoiseMultiplier, grid.BinCount);
        var bins = new List<int>(values.Length);
        foreach (double v in values)
            if (!double.IsNaN(v))
                bins.Add(grid.BinOf(v));
        var release = tree.Release(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bins), noise, $"quantiles:{columnName}",
            $"Counts of column '{columnName}' over a public grid of {grid.BinCount} bins (L2 sensitivity sqrt({tree.Levels})), for quantile estimates.");
        return new MechanismOutput<double[]>(QuantilesFromNoisyTree(release.Value, tree, grid, levels), release.Record);
    }

    /// <summary>Post-processing of a noisy tree (no privacy cost): consistency, then one top-down descent per level.</summary>
    public static double[] QuantilesFromNoisyTree(IReadOnlyList<double> noisyTree, HierarchicalHistogram tree, HistogramGrid grid,
        IReadOnlyList<double> levels)
    {
        ValidateLevels(levels);
        if (tree.Bins != grid.BinCount) throw new ArgumentException("The tree must be over the grid's bins.", nameof(tree));
        var fitted = tree.Consistent(noisyTree);
        double threshold = PruneSigmas * tree.NodeNoiseStandardDeviation;
        double total = fitted[1];
        var quantiles = new double[levels.Count];
        if (!(total > threshold))
        {
            // Nothing told apart from the noise: the grid's uninformative shape (0 for a log grid, uniform within bounds).
            for (int i = 0; i < levels.Count; i++) quantiles[i] = UninformativeQuantile(grid, levels[i]);
            return quantiles;
        }
        for (int i = 0; i < levels.Count; i++)
        {
            double rank = levels[i] * total, mass = total;
            int node = 1, depth = 0;
            while (node < tree.Leaves)
            {
                int left = 2 * node, right = left + 1;
                double leftShare = LeftShare(fitted, left, right, depth + 1, tree, threshold);
                double leftMass = mass * leftShare;
                if (rank <= leftMass && leftShare > 0) { node = left; mass = leftMass; }
                else { rank -= leftMass; node = right; mass -= leftMass; }
                depth++;
            }
            int bin = Math.Min(node - tree.Leaves, grid.BinCount - 1);
            var (lower, upper) = grid.Range(bin);
            double within = mass > 0 ? Math.Clamp(rank / mass, 0.0, 1.0) : 0.5;
            quantiles[i] = lower + (upper - lower) * within;
            if (i > 0 && quantiles[i] < quantiles[i - 1]) quantiles[i] = quantiles[i - 1];
        }
        return quantiles;
    }

    /// <summary>The share of a node's mass its left child gets: by the children's estimates above the threshold, else their positive parts, else their real bins.</summary>
    static double LeftShare(double[] fitted, int left, int right, int depth, HierarchicalHistogram tree, double threshold)
    {
        int span = tree.Leaves >> depth;
        int realLeft = RealBins(left, depth, span, tree), realRight = RealBins(right, depth, span, tree);
        if (realRight == 0) return 1;
        if (realLeft == 0) return 0;
        double l = fitted[left] > threshold ? fitted[left] : 0, r = fitted[right] > threshold ? fitted[right] : 0;
        if (l + r > 0) return l / (l + r);
        l = Math.Max(fitted[left], 0);
        r = Math.Max(fitted[right], 0);
        if (l + r > 0) return l / (l + r);
        return (double)realLeft / (realLeft + realRight);
    }

    /// <summary>How many of the node's leaves are grid bins (the rest pad the tree to a power of two).</summary>
    static int RealBins(int node, int depth, int span, HierarchicalHistogram tree)
    {
        int first = (node - (1 << depth)) * span;
        return Math.Clamp(tree.Bins - first, 0, span);
    }

    static double UninformativeQuantile(HistogramGrid grid, double level)
    {
        var weights = grid.UninformativeWeights;
        double total = 0;
        foreach (double w in weights) total += w;
        double target = level * total, below = 0;
        int last = weights.Length - 1;
        while (last > 0 && weights[last] <= 0) last--;
        for (int b = 0; b <= last; b++)
        {
            if (weights[b] <= 0) continue;
            if (below + weights[b] >= target || b == last)
            {
                var (lower, upper) = grid.Range(b);
                return lower + (upper - lower) * Math.Clamp((target - below) / weights[b], 0.0, 1.0);
            }
            below += weights[b];
        }
        return grid.Range(last).Lower;
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
