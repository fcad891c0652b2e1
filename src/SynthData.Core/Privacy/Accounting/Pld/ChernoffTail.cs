namespace SynthData.Core.Privacy.Accounting.Pld;

/// <summary>
/// Chernoff bounds on the tails of a sum of independent privacy losses: P[S >= a] &lt;= exp(K(t) - t a)
/// for every t > 0, with K(t) = sum_i count_i ln E[e^{t L_i}] evaluated exactly on each discrete
/// distribution (never on a coarsened copy: rounding each step's loss would add T times the rounding).
/// </summary>
internal sealed class ChernoffTail
{
    // Default rates t from 1e-3 to 1e3: wide enough for composed losses of scale 1e-3 to 1e3.
    private static readonly double[] DefaultRates = Enumerable.Range(0, 61).Select(i => Math.Pow(10, -3 + i * 0.1)).ToArray();

    private readonly double[] _rates;
    private readonly double[] _cumulants; // K(sign * t) at each rate t
    private readonly double _sign;

    /// <param name="components">Each privacy loss distribution with how many times it is composed.</param>
    /// <param name="upper">True for the upper tail (t > 0), false for the lower tail (t &lt; 0).</param>
    /// <param name="rates">Positive rates t to try; a default log-spaced grid when null.</param>
    public ChernoffTail(IReadOnlyList<(DiscretePrivacyLoss Pld, long Count)> components, bool upper, IReadOnlyList<double>? rates = null)
    {
        _sign = upper ? 1 : -1;
        _rates = (rates ?? DefaultRates).ToArray();
        _cumulants = new double[_rates.Length];
        foreach (var (pld, count) in components)
            for (int r = 0; r < _rates.Length; r++)
                _cumulants[r] += count * LogMomentGenerating(pld, _sign * _rates[r]);
    }

    /// <summary>ln sum_j p_j e^{t l_j}; round-off negative masses are left out (which only raises it).</summary>
    private static double LogMomentGenerating(DiscretePrivacyLoss pld, double t)
    {
        // Shift by the exponent at the end of the support that maximises t l, so no term overflows.
        double h = pld.Interval, top = t * (t > 0 ? pld.MaxIndex : pld.MinIndex) * h;
        var masses = pld.Masses;
        double sum = 0;
        for (int j = 0; j < masses.Length; j++)
            if (masses[j] > 0) sum += masses[j] * Math.Exp(t * (pld.MinIndex + j) * h - top);
        return top + Math.Log(sum);
    }

    /// <summary>Upper tail: a bound on P[S >= a]; lower tail: a bound on P[S &lt;= a].</summary>
    public double Probability(double a) => Math.Exp(Math.Min(0, _cumulants[BestRateIndex(a)] - _sign * _rates[BestRateIndex(a)] * a));

    /// <summary>The rate giving the tightest bound at a (to re-evaluate exactly near it).</summary>
    public double BestRate(double a) => _rates[BestRateIndex(a)];

    private int BestRateIndex(double a)
    {
        int best = 0;
        for (int r = 1; r < _rates.Length; r++)
            if (_cumulants[r] - _sign * _rates[r] * a < _cumulants[best] - _sign * _rates[best] * a) best = r;
        return best;
    }

    /// <summary>A point beyond which (above for the upper tail, below for the lower) at most 'tail' of the mass lies.</summary>
    public double Quantile(double tail)
    {
        double logTail = Math.Log(tail), best = _sign * double.PositiveInfinity;
        for (int r = 0; r < _rates.Length; r++)
        {
            // K(st) - s t a <= ln tail  <=>  s a >= (K(st) - ln tail)/t
            double a = _sign * (_cumulants[r] - logTail) / _rates[r];
            best = _sign > 0 ? Math.Min(best, a) : Math.Max(best, a);
        }
        return best;
    }
}
