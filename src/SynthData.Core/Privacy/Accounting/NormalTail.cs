using MathNet.Numerics;

namespace SynthData.Core.Privacy.Accounting;

/// <summary>Standard normal tails accurate far out (where 1 - Phi would round to 0 or 1).</summary>
internal static class NormalTail
{
    private const double LogHalf = -0.69314718055994530942;

    /// <summary>ln erfc(x), using the asymptotic series where erfc underflows.</summary>
    public static double LogErfc(double x)
    {
        if (x < 25) return Math.Log(SpecialFunctions.Erfc(x));
        // erfc(x) = e^{-x^2} / (x sqrt(pi)) * (1 - 1/(2x^2) + 3/(4x^4) - 15/(8x^6) + ...); at x >= 25 the
        // first omitted term is below 1e-12 relative.
        double inv2 = 1 / (x * x);
        double series = 1 - inv2 / 2 + 0.75 * inv2 * inv2 - 1.875 * inv2 * inv2 * inv2;
        return -x * x - Math.Log(x) - 0.5 * Math.Log(Math.PI) + Math.Log(series);
    }

    /// <summary>P[Z > z] for a standard normal Z.</summary>
    public static double Survival(double z) => 0.5 * SpecialFunctions.Erfc(z / Constants.Sqrt2);

    /// <summary>P[Z &lt;= z] for a standard normal Z.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Constants.Sqrt2);

    /// <summary>ln P[Z > z].</summary>
    public static double LogSurvival(double z) => LogHalf + LogErfc(z / Constants.Sqrt2);

    /// <summary>ln(e^a + e^b) without overflow.</summary>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        double max = Math.Max(a, b);
        return max + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
    }
}
