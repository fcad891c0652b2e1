namespace SynthData.Core.Privacy.Accounting.Pld;

/// <summary>
/// The exact privacy curve of one Poisson-sampled Gaussian step in one direction. With the sensitivity
/// normalised to 1 the dominating pair is mu_0 = N(0, sigma^2) and mu_1 = (1 - q) N(0, sigma^2) + q N(1, sigma^2):
/// Remove is (P, Q) = (mu_1, mu_0), Add is (mu_0, mu_1). The privacy loss ln(P/Q) is monotone in the
/// output x, so the hockey-stick divergence delta(eps) = P[L > eps] - e^eps Q[L > eps] has a closed form.
/// </summary>
internal sealed class SampledGaussianPrivacyLoss
{
    // Outputs further than this many standard deviations from a mean carry < 1e-21 of the mass.
    public const double TailStandardDeviations = 9.5;

    private readonly double _q, _sigma, _logQ, _log1mQ;
    private readonly NeighbourDirection _direction;

    public SampledGaussianPrivacyLoss(double samplingRate, double noiseMultiplier, NeighbourDirection direction)
    {
        _q = samplingRate;
        _sigma = noiseMultiplier;
        _logQ = Math.Log(samplingRate);
        _log1mQ = samplingRate >= 1 ? double.NegativeInfinity : PreciseMath.Log1p(-samplingRate);
        // Without sampling both directions have the same (Gaussian) privacy loss.
        _direction = samplingRate >= 1 ? NeighbourDirection.Remove : direction;
    }

    /// <summary>ln(mu_1(x)/mu_0(x)) = ln((1 - q) + q e^{(2x - 1)/(2 sigma^2)}).</summary>
    private double LogMixtureRatio(double x) =>
        NormalTail.LogAddExp(_log1mQ, _logQ + (2 * x - 1) / (2 * _sigma * _sigma));

    /// <summary>The loss values between which all but ~1e-21 of P's mass lies (per tail).</summary>
    public (double Lower, double Upper) LossRange()
    {
        double spread = TailStandardDeviations * _sigma;
        return _direction == NeighbourDirection.Remove
            ? (LogMixtureRatio(Math.Min(-spread, 1 - spread)), LogMixtureRatio(1 + spread))
            : (-LogMixtureRatio(spread), -LogMixtureRatio(-spread));
    }

    /// <summary>The hockey-stick divergence delta(eps) = sup_S P(S) - e^eps Q(S), for any real eps.</summary>
    public double Delta(double epsilon) =>
        Math.Clamp(_direction == NeighbourDirection.Remove ? RemoveDelta(epsilon) : AddDelta(epsilon), 0, 1);

    private double RemoveDelta(double eps)
    {
        // L > eps  <=>  x > x*, where e^eps = (1 - q) + q e^{(2x* - 1)/(2 sigma^2)}; no such x* when e^eps <= 1 - q.
        if (eps <= _log1mQ) return -PreciseMath.Expm1(eps);
        double logShift = LogExpm1PlusQ(eps); // ln(e^eps - 1 + q)
        double x = _sigma * _sigma * (logShift - _logQ) + 0.5;
        // delta = q S((x* - 1)/sigma) - (e^eps - 1 + q) S(x*/sigma), S the normal survival function.
        double a = _logQ + NormalTail.LogSurvival((x - 1) / _sigma);
        double b = logShift + NormalTail.LogSurvival(x / _sigma);
        return DifferenceOfExps(a, b);
    }

    private double AddDelta(double eps)
    {
        // L = -ln(mu_1/mu_0) > eps  <=>  x < x*, where e^{-eps} = (1 - q) + q e^{(2x* - 1)/(2 sigma^2)}.
        if (eps >= -_log1mQ) return 0;
        double x = _sigma * _sigma * (LogExpm1PlusQ(-eps) - _logQ) + 0.5;
        // delta = (1 - (1 - q) e^eps) Phi(x*/sigma) - q e^eps Phi((x* - 1)/sigma).
        double a = Math.Log(-PreciseMath.Expm1(eps + _log1mQ)) + NormalTail.LogSurvival(-x / _sigma);
        double b = eps + _logQ + NormalTail.LogSurvival((1 - x) / _sigma);
        return DifferenceOfExps(a, b);
    }

    /// <summary>ln(e^t - 1 + q), for t > ln(1 - q); avoids overflow for large t.</summary>
    private double LogExpm1PlusQ(double t) =>
        t > 30 ? t + PreciseMath.Log1p((_q - 1) * Math.Exp(-t)) : Math.Log(PreciseMath.Expm1(t) + _q);

    /// <summary>e^a - e^b computed as e^a (1 - e^{b - a}) so that tiny tails keep their relative precision.</summary>
    private static double DifferenceOfExps(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return 0;
        return b >= a ? 0 : Math.Exp(a) * -PreciseMath.Expm1(b - a);
    }
}
