using System.Text.Json.Serialization;
using MathNet.Numerics.Distributions;

namespace SynthData.Core.Tabular.Encoding;

/// <summary>
/// Maps a number to a standard-normal score through a piecewise-linear CDF: knot Values[j] has
/// cumulative probability Levels[j]; then Phi^-1, clipped to +-Clip. Values outside
/// [Values[0], Values[^1]] are clipped to those bounds first. The knots are DP or declared
/// parameters, never raw cells.
/// </summary>
public sealed class QuantileTransform
{
    /// <summary>Knot positions, non-decreasing (ties mark point masses such as many zeros).</summary>
    public IReadOnlyList<double> Values { get; }
    /// <summary>Knot cumulative probabilities, strictly increasing, in [0, 1].</summary>
    public IReadOnlyList<double> Levels { get; }
    /// <summary>Bound on the normal scores' magnitude, so a bound's level never maps to infinity.</summary>
    public double Clip { get; }

    readonly double[] _values;
    readonly double[] _levels;
    readonly double _lowestLevel, _highestLevel; // Phi(-Clip), Phi(Clip), cached: Encode calls ToNormal per cell

    /// <summary>A transform from its knots (validated: finite, non-decreasing values; strictly increasing levels in [0, 1]).</summary>
    [JsonConstructor]
    public QuantileTransform(IReadOnlyList<double> values, IReadOnlyList<double> levels, double clip)
    {
        if (values.Count == 0 || values.Count != levels.Count) throw new ArgumentException("Knot values and levels must be non-empty and of equal length.");
        if (!(clip > 0)) throw new ArgumentOutOfRangeException(nameof(clip));
        for (int j = 0; j < values.Count; j++)
        {
            if (!double.IsFinite(values[j])) throw new ArgumentException("Knot values must be finite.", nameof(values));
            if (!(levels[j] >= 0 && levels[j] <= 1)) throw new ArgumentException("Knot levels must lie in [0, 1].", nameof(levels));
            if (j > 0 && values[j] < values[j - 1]) throw new ArgumentException("Knot values must be non-decreasing.", nameof(values));
            if (j > 0 && levels[j] <= levels[j - 1]) throw new ArgumentException("Knot levels must be strictly increasing.", nameof(levels));
        }
        _values = values.ToArray();
        _levels = levels.ToArray();
        Values = _values;
        Levels = _levels;
        Clip = clip;
        _lowestLevel = Normal.CDF(0, 1, -clip);
        _highestLevel = Normal.CDF(0, 1, clip);
    }

    /// <summary>The lowest knot: smaller values are clipped to it.</summary>
    public double Lower => _values[0];
    /// <summary>The highest knot: larger values are clipped to it.</summary>
    public double Upper => _values[^1];

    /// <param name="x">The value to encode.</param>
    /// <summary>The normal score of x (x must not be NaN).</summary>
    /// <param name="u">
    /// Optional uniform draw in [0, 1) for the randomised probability integral transform: a value with a
    /// range of levels (a run of tied knots, or beyond a bound, where the mass outside is collapsed) gets
    /// a level drawn uniformly from that range instead of its middle, so encoded scores are continuous
    /// and close to N(0, 1), which suits the model's Gaussian likelihood. Decoding is unchanged.
    /// </param>
    public double ToNormal(double x, double? u = null)
    {
        if (double.IsNaN(x)) throw new ArgumentException("A missing value has no normal score.", nameof(x));
        return Math.Clamp(Normal.InvCDF(0, 1, Math.Clamp(Cdf(x, u), _lowestLevel, _highestLevel)), -Clip, Clip);
    }

    /// <summary>
    /// The randomised probability integral transform of a discrete value: a level drawn uniformly (by u)
    /// between the CDF at the two ends of the value's decoding band [low, high] (beyond a bound, the
    /// band reaches level 0 or 1), so an integer's encoded scores fill exactly the band that decodes
    /// (after rounding) back to it, and a column's scores are N(0, 1) when the knots fit.
    /// </summary>
    public double ToNormalBand(double low, double high, double u)
    {
        if (double.IsNaN(low) || double.IsNaN(high)) throw new ArgumentException("A missing value has no normal score.");
        double pLow = low < Lower ? 0 : Cdf(low), pHigh = high > Upper ? 1 : Cdf(high);
        double p = pLow + (pHigh - pLow) * u;
        return Math.Clamp(Normal.InvCDF(0, 1, Math.Clamp(p, _lowestLevel, _highestLevel)), -Clip, Clip);
    }

    /// <summary>The value whose score is z (inverse of <see cref="ToNormal"/> up to clipping and ties).</summary>
    public double FromNormal(double z)
    {
        if (double.IsNaN(z)) throw new ArgumentException("The model produced NaN for a numeric value.", nameof(z));
        if (_values.Length == 1) return _values[0];
        double p = Math.Clamp(FastPhi(Math.Clamp(z, -Clip, Clip)), _levels[0], _levels[^1]);
        // The last segment whose left level is <= p (a hand-written search: Array.BinarySearch is generic and slower here).
        int lo = 0, hi = _levels.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_levels[mid] <= p) lo = mid; else hi = mid - 1;
        }
        int j = lo;
        double t = (p - _levels[j]) / (_levels[j + 1] - _levels[j]);
        return Math.Clamp(_values[j] + (_values[j + 1] - _values[j]) * t, Lower, Upper);
    }

    /// <summary>
    /// The standard normal CDF, Phi(z) = erfc(-z / sqrt 2) / 2, with the Chebyshev fit of erfc from Numerical
    /// Recipes (relative error below 1.2e-7 everywhere). Generation calls this for every numeric cell, and
    /// MathNet's erfc (accurate to 1e-16) was a tenth of generation's CPU time; the model's scores are
    /// float32, whose own rounding (relative 6e-8) moves Phi about as much, so the extra digits bought nothing.
    /// </summary>
    internal static double FastPhi(double z)
    {
        double x = -z * 0.70710678118654752440, ax = Math.Abs(x);
        double t = 1 / (1 + 0.5 * ax);
        double erfc = t * Math.Exp(-ax * ax - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }

    /// <summary>The piecewise-linear CDF; a value equal to a run of tied knots gets the middle of their levels.</summary>
    double Cdf(double x, double? u = null)
    {
        if (_values.Length == 1) return u ?? 0.5;
        if (u is { } draw)
        {
            if (x < Lower) return _levels[0] * draw;
            if (x > Upper) return _levels[^1] + (1 - _levels[^1]) * draw;
        }
        x = Math.Clamp(x, Lower, Upper);
        int below = LowerBound(x);              // knots < x
        int atOrBelow = UpperBound(x);          // knots <= x
        if (atOrBelow > below)
            return u is { } w
                ? _levels[below] + (_levels[atOrBelow - 1] - _levels[below]) * w
                : 0.5 * (_levels[below] + _levels[atOrBelow - 1]);
        // Strictly between knots below - 1 and below (x is inside the bounds and equals no knot).
        double t = (x - _values[below - 1]) / (_values[below] - _values[below - 1]);
        return _levels[below - 1] + (_levels[below] - _levels[below - 1]) * t;
    }

    int LowerBound(double x)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (_values[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    int UpperBound(double x)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (_values[mid] <= x) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
