namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// Chernoff bounds on the tails of a sum of independent privacy losses, from each component's
/// (coarsened) distribution and its count: P[S >= a] &lt;= exp(K(t) - t a) for every t > 0, with
/// K(t) = sum_i count_i ln E[e^{t L_i}].
/// </summary>
internal sealed class ChernoffTail
{
    // t from 1e-3 to 1e3: wide enough for losses of scale 1e-3 to 1e3 per composed distribution.
    private static readonly double[] Rates = Enumerable.Range(0, 121).Select(i => Math.Pow(10, -3 + i * 0.05)).ToArray();

    private readonly double[] _cumulants; // K(sign * t) at each rate t
    private readonly double _sign;

    /// <param name="upper">True for the upper tail (t > 0), false for the lower tail (t &lt; 0).</param>
    public ChernoffTail(IEnumerable<(double[] Losses, double[] Masses, long Count)> components, bool upper)
    {
        _sign = upper ? 1 : -1;
        _cumulants = new double[Rates.Length];
        foreach (var (losses, masses, count) in components)
            for (int r = 0; r < Rates.Length; r++)
            {
                double t = _sign * Rates[r], log = double.NegativeInfinity;
                for (int j = 0; j < losses.Length; j++)
                    if (masses[j] > 0) log = NormalTail.LogAddExp(log, Math.Log(masses[j]) + t * losses[j]);
                _cumulants[r] += count * log;
            }
    }

    /// <summary>Upper tail: a bound on P[S >= a]; lower tail: a bound on P[S &lt;= a].</summary>
    public double Probability(double a)
    {
        double best = 0; // ln 1
        for (int r = 0; r < Rates.Length; r++)
            best = Math.Min(best, _cumulants[r] - _sign * Rates[r] * a);
        return Math.Exp(best);
    }

    /// <summary>A point beyond which (above for the upper tail, below for the lower) at most 'tail' of the mass lies.</summary>
    public double Quantile(double tail)
    {
        double logTail = Math.Log(tail), best = _sign * double.PositiveInfinity;
        for (int r = 0; r < Rates.Length; r++)
        {
            // K(st) - s t a <= ln tail  <=>  s a >= (K(st) - ln tail)/t
            double a = _sign * (_cumulants[r] - logTail) / Rates[r];
            best = _sign > 0 ? Math.Min(best, a) : Math.Max(best, a);
        }
        return best;
    }
}
