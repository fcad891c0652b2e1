namespace SynthData.Core.Drift;

/// <summary>
/// Distances between two share vectors on the same bins. Both are norms of the difference (half the L1 norm; the largest
/// partial sum), so they obey the triangle inequality for any vectors, noisy shares included: the interval relies on it.
/// </summary>
public static class DriftDistance
{
    /// <summary>The distance <paramref name="kind"/> names between share vectors <paramref name="p"/> and <paramref name="q"/>.</summary>
    public static double Of(DriftDistanceKind kind, ReadOnlySpan<double> p, ReadOnlySpan<double> q) =>
        kind == DriftDistanceKind.TotalVariation ? TotalVariation(p, q) : KolmogorovSmirnov(p, q);

    /// <summary>Half the summed absolute differences: the largest gap in probability over any set of labels.</summary>
    public static double TotalVariation(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Same(p, q);
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += Math.Abs(p[i] - q[i]);
        return 0.5 * sum;
    }

    /// <summary>The largest gap between the cumulative shares over the ordered bins.</summary>
    public static double KolmogorovSmirnov(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Same(p, q);
        double cumulative = 0, largest = 0;
        for (int i = 0; i < p.Length; i++)
        {
            cumulative += p[i] - q[i];
            largest = Math.Max(largest, Math.Abs(cumulative));
        }
        return largest;
    }

    /// <summary>Counts as shares of their total (a noisy total below one row counts as one, so shares stay finite).</summary>
    public static double[] Shares(ReadOnlySpan<double> counts)
    {
        double total = 0;
        foreach (double c in counts) total += c;
        total = Math.Max(total, 1);
        var shares = new double[counts.Length];
        for (int i = 0; i < shares.Length; i++) shares[i] = counts[i] / total;
        return shares;
    }

    static void Same(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length) throw new ArgumentException("Both share vectors must cover the same bins.");
    }
}
