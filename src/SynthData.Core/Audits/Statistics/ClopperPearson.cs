using MathNet.Numerics.Distributions;

namespace SynthData.Core.Audits.Statistics;

/// <summary>
/// Exact (Clopper-Pearson) binomial confidence bounds for a proportion from k successes in n
/// trials, via Beta quantiles. Conservative: coverage is at least the nominal level.
/// </summary>
public static class ClopperPearson
{
    /// <summary>Two-sided interval with probability (1 - confidence)/2 in each tail.</summary>
    public static (double Lower, double Upper) Interval(int successes, int trials, double confidence = 0.95)
    {
        Validate(successes, trials, confidence);
        double tail = (1 - confidence) / 2;
        return (LowerBoundAtTail(successes, trials, tail), UpperBoundAtTail(successes, trials, tail));
    }

    /// <summary>One-sided upper bound: P[true proportion &lt;= bound] &gt;= confidence.</summary>
    public static double UpperBound(int successes, int trials, double confidence = 0.95)
    {
        Validate(successes, trials, confidence);
        return UpperBoundAtTail(successes, trials, 1 - confidence);
    }

    /// <summary>One-sided lower bound: P[true proportion &gt;= bound] &gt;= confidence.</summary>
    public static double LowerBound(int successes, int trials, double confidence = 0.95)
    {
        Validate(successes, trials, confidence);
        return LowerBoundAtTail(successes, trials, 1 - confidence);
    }

    static double LowerBoundAtTail(int k, int n, double tail) =>
        k == 0 ? 0.0 : Beta.InvCDF(k, n - k + 1, tail);

    static double UpperBoundAtTail(int k, int n, double tail) =>
        k == n ? 1.0 : Beta.InvCDF(k + 1, n - k, 1 - tail);

    static void Validate(int successes, int trials, double confidence)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), "At least one trial is needed.");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), $"Successes must lie in [0, {trials}].");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must lie in (0, 1).");
    }
}
