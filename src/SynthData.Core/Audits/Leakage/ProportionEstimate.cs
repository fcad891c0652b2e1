using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Audits.Leakage;

/// <summary>A share k/n with its exact (Clopper-Pearson) two-sided interval.</summary>
/// <param name="Count">Successes k.</param>
/// <param name="Total">Trials n; 0 when there was nothing to count.</param>
/// <param name="Share">k/n, NaN when n is 0.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
public sealed record ProportionEstimate(int Count, int Total, double Share, double Lower, double Upper)
{
    /// <summary>Estimates count/total with its interval at <paramref name="confidence"/>; an empty total gives NaN and the vacuous interval [0, 1].</summary>
    public static ProportionEstimate Of(int count, int total, double confidence)
    {
        if (total == 0) return new ProportionEstimate(0, 0, double.NaN, 0, 1);
        var (lower, upper) = ClopperPearson.Interval(count, total, confidence);
        return new ProportionEstimate(count, total, (double)count / total, lower, upper);
    }

    /// <summary>True when this share is significantly above the other one (the intervals do not overlap; conservative).</summary>
    public bool ClearlyAbove(ProportionEstimate other) => Total > 0 && other.Total > 0 && Lower > other.Upper;
}
