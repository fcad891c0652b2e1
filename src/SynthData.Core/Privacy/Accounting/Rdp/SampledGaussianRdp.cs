using MathNet.Numerics;

namespace SynthData.Core.Privacy.Accounting.Rdp;

/// <summary>
/// Rényi DP of one step of the Poisson-sampled Gaussian mechanism under add-or-remove-one neighbours
/// (Mironov, Talwar, Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism"),
/// computed in log space so that large orders and tiny sampling rates neither overflow nor underflow.
/// </summary>
internal static class SampledGaussianRdp
{
    // A term this far (in ln) below the running total changes nothing in double precision.
    private const double NegligibleLogRatio = -30;
    private const int MaxSeriesTerms = 1_000_000;

    /// <summary>RDP at order alpha (> 1) of one step with sampling rate q and noise multiplier sigma.</summary>
    public static double Compute(double q, double sigma, double alpha)
    {
        if (!(alpha > 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Rényi orders must exceed 1.");
        if (q >= 1) return alpha / (2 * sigma * sigma);
        double logA = alpha == Math.Floor(alpha) && alpha < int.MaxValue
            ? LogAIntegerOrder(q, sigma, (int)alpha)
            : LogAFractionalOrder(q, sigma, alpha);
        return Math.Max(0, logA / (alpha - 1));
    }

    /// <summary>A_alpha = sum_k C(alpha,k) (1-q)^(alpha-k) q^k exp((k^2 - k)/(2 sigma^2)): a finite, all-positive sum.</summary>
    private static double LogAIntegerOrder(double q, double sigma, int alpha)
    {
        double logQ = Math.Log(q), log1mQ = PreciseMath.Log1p(-q), twoVar = 2 * sigma * sigma;
        double logA = double.NegativeInfinity;
        for (int k = 0; k <= alpha; k++)
        {
            double term = SpecialFunctions.BinomialLn(alpha, k) + k * logQ + (alpha - k) * log1mQ + (k * (double)k - k) / twoVar;
            logA = NormalTail.LogAddExp(logA, term);
        }
        return logA;
    }

    /// <summary>
    /// Fractional orders: the two-sided series of Mironov et al. (Sec. 3.3) with z0 = sigma^2 ln(1/q - 1) + 1/2.
    /// Convention: we sum the ABSOLUTE values of the terms (as Google's dp_accounting does since 2024).
    /// The binomial coefficients C(alpha, i) change sign once i exceeds alpha, so the signed sum (Opacus)
    /// is the exact value, and the sum of absolute values is an upper bound on it, hence a valid bound on RDP.
    /// </summary>
    private static double LogAFractionalOrder(double q, double sigma, double alpha)
    {
        double logQ = Math.Log(q), log1mQ = PreciseMath.Log1p(-q), twoVar = 2 * sigma * sigma;
        double z0 = sigma * sigma * (log1mQ - logQ) + 0.5;
        double scale = Constants.Sqrt2 * sigma, logHalf = Math.Log(0.5);
        double logA = double.NegativeInfinity;
        double logAbsBinomial = 0; // ln |C(alpha, 0)|
        for (int i = 0; i < MaxSeriesTerms; i++)
        {
            if (i > 0) logAbsBinomial += Math.Log(Math.Abs(alpha - i + 1)) - Math.Log(i);
            double j = alpha - i;
            double first = logAbsBinomial + i * logQ + j * log1mQ + (i * (double)i - i) / twoVar
                           + logHalf + NormalTail.LogErfc((i - z0) / scale);
            double second = logAbsBinomial + j * logQ + i * log1mQ + (j * j - j) / twoVar
                            + logHalf + NormalTail.LogErfc((z0 - j) / scale);
            logA = NormalTail.LogAddExp(logA, NormalTail.LogAddExp(first, second));
            if (i > alpha && Math.Max(first, second) < logA + NegligibleLogRatio) return logA;
        }
        throw new InvalidOperationException(
            $"The RDP series for order {alpha}, q = {q}, sigma = {sigma} did not converge in {MaxSeriesTerms} terms.");
    }
}
