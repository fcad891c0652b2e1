namespace SynthData.Core.Privacy.Accounting.Pld;

/// <summary>
/// A privacy loss distribution on the lattice {k h}: mass Masses[j] at loss (MinIndex + j) h, plus
/// InfinityMass at +infinity. Built by pessimistic "connect-the-dots" discretisation (Doroshenko,
/// Ghazi, Kamath, Kumar, Manurangsi 2022): its privacy curve equals the exact one at the grid points
/// and interpolates linearly in e^eps between them. The exact curve is convex in e^eps, so the chords
/// lie above it everywhere: the discrete pair dominates the mechanism (for every eps, including
/// negative ones), and composing dominating pairs gives a dominating pair. Unlike rounding each loss
/// up to the grid, whose bias grows like T h / 2, the error stays small over thousands of steps.
/// </summary>
internal sealed record DiscretePrivacyLoss(long MinIndex, double[] Masses, double InfinityMass, double Interval)
{
    public static DiscretePrivacyLoss ConnectTheDots(SampledGaussianPrivacyLoss loss, double interval)
    {
        var (lower, upper) = loss.LossRange();
        long minIndex = (long)Math.Floor(lower / interval);
        long maxIndex = Math.Max(minIndex + 1, (long)Math.Ceiling(upper / interval));
        int n = checked((int)(maxIndex - minIndex + 1));
        var deltas = new double[n];
        for (int j = 0; j < n; j++) deltas[j] = loss.Delta((minIndex + j) * interval);

        // With hockey-stick values d_j at eps_j, the chord slopes (in e^eps) give P-masses
        //   p_j = (d_{j-1} - d_j)/(1 - e^{-h}) - (d_j - d_{j+1})/(e^h - 1),
        // where below the grid the curve is the chord from (e^eps = 0, delta = 1), whose first term is
        // 1 - d_0, and above it is flat at d_{n-1}, which becomes the mass at infinity. These telescope
        // to a total of 1 - d_{n-1}.
        double below = 1 / -PreciseMath.Expm1(-interval), above = 1 / PreciseMath.Expm1(interval);
        var masses = new double[n];
        for (int j = 0; j < n; j++)
        {
            double fromLeft = j == 0 ? 1 - deltas[0] : (deltas[j - 1] - deltas[j]) * below;
            double toRight = j == n - 1 ? 0 : (deltas[j] - deltas[j + 1]) * above;
            masses[j] = fromLeft - toRight;
        }
        return new DiscretePrivacyLoss(minIndex, masses, deltas[n - 1], interval);
    }

    public long MaxIndex => MinIndex + Masses.Length - 1;

}
