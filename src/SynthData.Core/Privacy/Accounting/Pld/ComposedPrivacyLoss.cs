namespace SynthData.Core.Privacy.Accounting.Pld;

/// <summary>
/// A composed privacy loss distribution on a window of the lattice: Masses[m] at loss (LowIndex + m) h.
/// Mass outside the window was folded into it by the circular (FFT) convolution, which only adds
/// mass inside; what the folding cannot account for is bounded separately: InfinityMass (losses of
/// +infinity), UpperTailBound (a Chernoff bound on the mass above the window) and LowerTailBound
/// (on the mass below, which matters only for epsilons below the window).
/// </summary>
internal sealed record ComposedPrivacyLoss(
    long LowIndex, double[] Masses, double Interval, double InfinityMass, double UpperTailBound, Lazy<double> LowerTail)
{
    /// <summary>A distribution the accountant could not represent: every delta below 1 needs epsilon = +infinity.</summary>
    public static ComposedPrivacyLoss Unbounded { get; } = new(0, [], 1, 1, 0, new Lazy<double>(0.0));

    /// <summary>Bound on the mass below the window; computed only when an epsilon below the window asks for it.</summary>
    public double LowerTailBound => LowerTail.Value;

    private double FixedDelta => InfinityMass + UpperTailBound;

    /// <summary>An upper bound on the hockey-stick divergence delta(eps) = E[(1 - e^{eps - L})_+].</summary>
    public double Delta(double epsilon)
    {
        double sum = 0;
        for (int m = Masses.Length - 1; m >= 0; m--)
        {
            double loss = (LowIndex + m) * Interval;
            if (loss <= epsilon) break;
            sum += Masses[m] * -PreciseMath.Expm1(epsilon - loss);
        }
        if (epsilon < LowIndex * Interval) sum += LowerTailBound;
        return Math.Min(1, Math.Max(0, sum) + FixedDelta);
    }

    /// <summary>The smallest epsilon >= 0 with Delta(epsilon) &lt;= delta (exact on this distribution), or +infinity.</summary>
    public double Epsilon(double delta)
    {
        if (delta <= FixedDelta) return double.PositiveInfinity;
        double target = delta - FixedDelta;
        // Scan down from the top: with A = sum_{j>k} p_j and C = sum_{j>k} p_j e^{l_k - l_j}, delta(l_k) = A - C,
        // and on [l_k, l_{k+1}] the curve is A - e^{eps - l_k} C, solvable in closed form.
        double decay = Math.Exp(-Interval);
        double above = 0, weighted = 0; // A_k and C_k, starting at the top index
        for (int k = Masses.Length - 1; k >= 0; k--)
        {
            if (above - weighted > target)
                return Math.Max(0, (LowIndex + k) * Interval + Math.Log((above - target) / weighted));
            above += Masses[k];
            weighted = (weighted + Masses[k]) * decay;
        }
        // Below the window every mass lies above epsilon; the curve is A - e^{eps - l_{-1}} C plus the lower tail.
        double lowest = LowIndex * Interval;
        if (above - weighted + LowerTailBound > target && weighted > 0)
            return Math.Max(0, Math.Min(lowest, lowest - Interval + Math.Log((above + LowerTailBound - target) / weighted)));
        return 0;
    }
}
