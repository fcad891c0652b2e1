using MathNet.Numerics.Distributions;

namespace SynthData.Core.Drift;

/// <summary>
/// The interval around a column's distance, covering both the DP noise and sampling.
///
/// Derivation. Let P be the distribution the new rows come from and Q the model's, p~ the noisy shares of the n new rows
/// and q^ the shares of m synthetic rows, D = d(P, Q) the drift and D^ = d(p~, q^) what we observe. Both distances are
/// norms of the difference (<see cref="DriftDistance"/>), so by the triangle inequality
///     |D^ - D| &lt;= E,  with  E = d(p~, P) + d(q^, Q),
/// the estimation error of each side. If u is the (1 - a) quantile of E, then [D^ - u, D^ + u] holds D with probability
/// at least 1 - a, whatever P and Q are. E's distribution is simulated by a parametric bootstrap with P and Q replaced
/// by their estimates (p~ clipped at zero and renormalised, and q^): the new side draws n rows (the noisy total), adds
/// fresh Gaussian noise of the release's known sd to every bin, and renormalises by the noisy total as the check does;
/// the synthetic side draws m rows. Multinomial counts are drawn by their normal approximation (mean n p, covariance
/// n (diag p - p p^T)), exact in the limit and O(bins) per draw: x = sqrt(n) (sqrt(p) z - p (sqrt(p) . z)), z standard normal.
/// The randomness here reads only released values, so it is public (seeded).
/// </summary>
public static class DriftInterval
{
    /// <summary>The half-width u: the (1 - level) quantile of the simulated estimation error.</summary>
    public static double HalfWidth(DriftDistanceKind kind, double[] noisyCounts, double countNoiseSd, double[] syntheticShares, int syntheticRows,
        double level, int replicates, Random random)
    {
        double noisyTotal = Math.Max(noisyCounts.Sum(), 1);
        var observed = Project(DriftDistance.Shares(noisyCounts));
        int bins = noisyCounts.Length;
        var errors = new double[replicates];
        var counts = new double[bins];
        var synthetic = new double[bins];
        for (int b = 0; b < replicates; b++)
        {
            Multinomial(observed, noisyTotal, random, counts);
            for (int i = 0; i < bins; i++) counts[i] += noisyTotal * observed[i] + countNoiseSd * Normal.Sample(random, 0, 1);
            double newSideError = DriftDistance.Of(kind, DriftDistance.Shares(counts), observed);
            Multinomial(syntheticShares, syntheticRows, random, synthetic);
            for (int i = 0; i < bins; i++) synthetic[i] = syntheticShares[i] + synthetic[i] / syntheticRows;
            errors[b] = newSideError + DriftDistance.Of(kind, synthetic, syntheticShares);
        }
        Array.Sort(errors);
        return errors[Math.Min(replicates - 1, (int)Math.Ceiling((1 - level) * replicates) - 1)];
    }

    /// <summary>Noisy shares made a distribution: negatives to zero, renormalised (uniform when nothing is left).</summary>
    static double[] Project(double[] shares)
    {
        var clipped = shares.Select(s => Math.Max(s, 0)).ToArray();
        double total = clipped.Sum();
        return total > 0 ? clipped.Select(c => c / total).ToArray() : Enumerable.Repeat(1.0 / shares.Length, shares.Length).ToArray();
    }

    /// <summary>A multinomial(n, p) count vector minus its mean, by the normal approximation (see the class comment).</summary>
    static void Multinomial(double[] p, double n, Random random, double[] into)
    {
        double projection = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double root = Math.Sqrt(p[i]), z = Normal.Sample(random, 0, 1);
            into[i] = root * z;
            projection += root * z;
        }
        double scale = Math.Sqrt(n);
        for (int i = 0; i < p.Length; i++) into[i] = scale * (into[i] - p[i] * projection);
    }
}
