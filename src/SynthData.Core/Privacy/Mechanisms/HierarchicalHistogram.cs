namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// A differentially private histogram over a public grid, released as a complete binary tree of counts (Hay,
/// Rastogi, Miklau and Suciu, "Boosting the accuracy of differentially private histograms through consistency",
/// PVLDB 2010): the leaves are the grid's bins (padded to a power of two with bins no value reaches), every inner
/// node counts its subtree, and Gaussian noise goes on every node. One row adds 1 to one node per level, so the
/// L2 sensitivity is sqrt(levels) and the release is one <see cref="GaussianEvent"/>(noise multiplier), the same
/// event as a flat histogram with that multiplier. What the tree buys: any range of bins is the sum of at most
/// two nodes per level, so a range count's error grows with log(bins) instead of sqrt(bins); at a few thousand
/// rows a flat histogram's bins sit below the noise and its quantiles collapse, the tree's upper levels do not.
/// Consistency (the least-squares estimate under "a node equals the sum of its children") is post-processing.
/// </summary>
public sealed class HierarchicalHistogram
{
    readonly GaussianMechanism _mechanism;

    /// <param name="noiseMultiplier">sigma for the whole tree: each row touches one node per level, so the L2 sensitivity is sqrt(Levels).</param>
    /// <param name="bins">The grid's bins (leaves in use); the tree has the next power of two as leaves.</param>
    public HierarchicalHistogram(double noiseMultiplier, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins));
        Height = 0;
        while ((1 << Height) < bins) Height++;
        Bins = bins;
        _mechanism = new GaussianMechanism(noiseMultiplier, Math.Sqrt(Levels));
    }

    /// <summary>The grid's bins in use (the first leaves).</summary>
    public int Bins { get; }

    /// <summary>Edges from root to leaf; leaves = 2^Height.</summary>
    public int Height { get; }

    /// <summary>Levels of counts (root to leaves), each row counted once per level.</summary>
    public int Levels => Height + 1;

    /// <summary>Leaf count: the smallest power of two at least <see cref="Bins"/>.</summary>
    public int Leaves => 1 << Height;

    /// <summary>Nodes in heap order: node 1 is the root, node i has children 2i and 2i + 1, leaves are Leaves..2 Leaves - 1.</summary>
    public int Nodes => 2 * Leaves;

    /// <summary>The standard deviation of the noise on every node's count.</summary>
    public double NodeNoiseStandardDeviation => _mechanism.NoiseStandardDeviation;

    /// <summary>The privacy event of one release of the whole tree.</summary>
    public GaussianEvent Event => _mechanism.Event;

    /// <summary>Noisy counts of every node, heap order (index 0 unused, 0).</summary>
    public MechanismOutput<double[]> Release(ReadOnlySpan<int> binOfRow, INoiseSource noise, string name, string description)
    {
        var counts = new double[Nodes];
        foreach (int bin in binOfRow)
        {
            if ((uint)bin >= (uint)Bins) throw new ArgumentOutOfRangeException(nameof(binOfRow), "A bin index lies outside the grid.");
            for (int node = Leaves + bin; node >= 1; node >>= 1) counts[node] += 1;
        }
        var released = _mechanism.Release(counts.AsSpan(1), noise, name, $"{description} As a binary tree of {Levels} levels of counts.");
        var tree = new double[Nodes];
        released.Value.CopyTo(tree.AsSpan(1));
        return new MechanismOutput<double[]>(tree, released.Record);
    }

    /// <summary>
    /// Hay et al.'s constrained inference for a binary tree with equal noise on every node: a bottom-up pass of
    /// weighted averages, then a top-down pass that spreads each parent's disagreement with its children equally.
    /// The result is the least-squares fit of the noisy tree among trees whose nodes equal their children's sums.
    /// </summary>
    public double[] Consistent(IReadOnlyList<double> noisy)
    {
        if (noisy.Count != Nodes) throw new ArgumentException($"Expected {Nodes} node counts.", nameof(noisy));
        var z = new double[Nodes];
        for (int node = Nodes - 1; node >= 1; node--)
        {
            if (node >= Leaves) { z[node] = noisy[node]; continue; }
            int level = Height - Log2(node) + 1;            // leaves are level 1
            double pow = Math.Pow(2, level), half = pow / 2;
            z[node] = (pow - half) / (pow - 1) * noisy[node] + (half - 1) / (pow - 1) * (z[2 * node] + z[2 * node + 1]);
        }
        var fitted = new double[Nodes];
        fitted[1] = z[1];
        for (int node = 1; node < Leaves; node++)
        {
            double gap = (fitted[node] - z[2 * node] - z[2 * node + 1]) / 2;
            fitted[2 * node] = z[2 * node] + gap;
            fitted[2 * node + 1] = z[2 * node + 1] + gap;
        }
        return fitted;
    }

    static int Log2(int value) => 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)value);
}
