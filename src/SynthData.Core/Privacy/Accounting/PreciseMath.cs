namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// e^x - 1 and ln(1 + x) to a few ulps. MathNet's Expm1 truncates its series (relative error ~4e-11 at
/// x = 1e-3), which is enough to break the connect-the-dots telescoping, whose sums divide by e^h - 1.
/// </summary>
internal static class PreciseMath
{
    /// <summary>e^x - 1 (Kahan's trick: the rounding of e^x cancels between the numerator and ln).</summary>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        if (double.IsPositiveInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x) (Goldberg's trick: compensates the rounding of 1 + x).</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return u;
        return Math.Log(u) * x / (u - 1.0);
    }
}
