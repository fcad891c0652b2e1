using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Core.Drift;

/// <summary>
/// The Gaussian noise of a drift check for a target epsilon. The released vector is every column's histogram side by
/// side; adding or removing one row moves one count in each of the C histograms, so its L2 sensitivity is sqrt(C). The
/// event is one unsampled Gaussian with multiplier m (noise sd m sqrt(C) per bin), whose exact curve (Balle and Wang
/// 2018) gives epsilon at delta; m is the smallest multiplier that meets the target.
/// </summary>
/// <param name="NoiseMultiplier">m: noise standard deviation per unit of L2 sensitivity.</param>
/// <param name="Columns">C: histograms released together.</param>
/// <param name="Epsilon">Epsilon the multiplier achieves at <paramref name="Delta"/> (at or just below the target).</param>
/// <param name="Delta">Delta of the guarantee.</param>
public sealed record DriftNoise(double NoiseMultiplier, int Columns, double Epsilon, double Delta)
{
    /// <summary>sqrt(C): one row moves one count in each of the C histograms.</summary>
    public double L2Sensitivity => Math.Sqrt(Columns);

    /// <summary>The standard deviation of the noise on each bin's count.</summary>
    public double CountStandardDeviation => NoiseMultiplier * L2Sensitivity;

    /// <summary>What the ledger records and the accountant composes with the dataset's other runs.</summary>
    public PrivacyEvent Event => new GaussianEvent(NoiseMultiplier);

    /// <summary>The smallest multiplier (found by bisection) whose exact Gaussian epsilon at <paramref name="delta"/> meets <paramref name="epsilon"/>.</summary>
    public static DriftNoise For(double epsilon, double delta, int columns)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), "The epsilon must be positive and finite.");
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), "The delta must be in (0, 1).");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), "The model generates no column to compare.");
        // Epsilon falls as the multiplier grows: bisect on a bracket that holds any practical target.
        double lo = 1e-3, hi = 1e4;
        if (ExactGaussian.Epsilon(hi, 1, delta) > epsilon) throw new ArgumentOutOfRangeException(nameof(epsilon), $"Epsilon {epsilon} is too small to reach.");
        for (int i = 0; i < 200 && hi - lo > 1e-9 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (ExactGaussian.Epsilon(mid, 1, delta) > epsilon) lo = mid; else hi = mid;
        }
        return new DriftNoise(hi, columns, ExactGaussian.Epsilon(hi, 1, delta), delta);
    }
}
