namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// The exact privacy curve of the unsampled Gaussian mechanism run T times (Balle and Wang 2018):
/// with mu = sqrt(T)/sigma, delta(eps) = Phi(-eps/mu + mu/2) - e^eps Phi(-eps/mu - mu/2).
/// </summary>
public static class ExactGaussian
{
    /// <summary>delta at <paramref name="epsilon"/> for <paramref name="steps"/> unsampled Gaussian releases with noise multiplier sigma.</summary>
    public static double Delta(double noiseMultiplier, long steps, double epsilon)
    {
        Validate(noiseMultiplier, steps);
        double mu = Math.Sqrt(steps) / noiseMultiplier;
        // In logs, so that e^eps times a tiny Phi neither overflows nor loses the difference.
        double a = NormalTail.LogSurvival(epsilon / mu - mu / 2);
        double b = epsilon + NormalTail.LogSurvival(epsilon / mu + mu / 2);
        return b >= a ? 0 : Math.Exp(a) * -PreciseMath.Expm1(b - a);
    }

    /// <summary>The smallest epsilon >= 0 with Delta(epsilon) &lt;= delta, by bisection to double precision.</summary>
    public static double Epsilon(double noiseMultiplier, long steps, double delta)
    {
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Delta must lie in (0, 1).");
        if (Delta(noiseMultiplier, steps, 0) <= delta) return 0;
        double low = 0, high = 1;
        while (Delta(noiseMultiplier, steps, high) > delta)
        {
            low = high;
            high *= 2;
            if (double.IsInfinity(high)) return double.PositiveInfinity;
        }
        for (int i = 0; i < 200 && high - low > 1e-14 * high; i++)
        {
            double mid = 0.5 * (low + high);
            if (Delta(noiseMultiplier, steps, mid) > delta) low = mid; else high = mid;
        }
        return high;
    }

    private static void Validate(double noiseMultiplier, long steps)
    {
        if (!(noiseMultiplier > 0)) throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), noiseMultiplier, "The noise multiplier must be positive.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The number of steps must be at least 1.");
    }
}
