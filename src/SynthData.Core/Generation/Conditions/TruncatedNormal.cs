using MathNet.Numerics.Distributions;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// The standard normal restricted to [a, b] (infinite ends allowed): its log mass, the importance weight of a
/// range condition, and draws by the inverse CDF. An interval in the upper tail is mirrored into the lower tail,
/// where Phi keeps its relative precision, so masses far from the mean do not cancel to zero.
/// </summary>
public static class TruncatedNormal
{
    /// <summary>log P(a &lt;= X &lt;= b) for X ~ N(0, 1).</summary>
    public static double LogMass(double a, double b)
    {
        if (a > 0) (a, b) = (-b, -a); // mirror: same mass, now in the lower tail
        double pa = double.IsNegativeInfinity(a) ? 0 : QuantileTransform.FastPhi(a);
        double pb = double.IsPositiveInfinity(b) ? 1 : QuantileTransform.FastPhi(b);
        double mass = pb - pa;
        if (mass > 0) return Math.Log(mass);
        // Both ends beyond ~-37 sigma: Mills' ratio, log Phi(b) ~ -b^2/2 - log(-b sqrt(2 pi)), a's share negligible or equal.
        return a == b ? double.NegativeInfinity : -0.5 * b * b - Math.Log(-b * Math.Sqrt(2 * Math.PI));
    }

    /// <summary>A draw of N(0, 1) conditioned on [a, b] from one uniform u in [0, 1).</summary>
    public static double Sample(double a, double b, double u)
    {
        bool mirrored = a > 0;
        if (mirrored) (a, b) = (-b, -a);
        double pa = double.IsNegativeInfinity(a) ? 0 : Normal.CDF(0, 1, a);
        double pb = double.IsPositiveInfinity(b) ? 1 : Normal.CDF(0, 1, b);
        double x;
        if (pb > pa)
        {
            double p = pa + (pb - pa) * u;
            x = p <= 0 ? a : p >= 1 ? b : Normal.InvCDF(0, 1, p);
        }
        else
        {
            // Mass underflows: in the far tail the normal is close to an exponential with rate |b| falling away from b.
            x = b + Math.Log(1 - u * (1 - Math.Exp(-Math.Abs(b) * (b - a)))) / Math.Abs(b);
        }
        x = Math.Clamp(x, a, b);
        return mirrored ? -x : x;
    }
}
