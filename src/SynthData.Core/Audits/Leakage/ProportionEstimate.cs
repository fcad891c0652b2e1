using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Audits.Leakage;

/// <summary>A share k/n with its exact (Clopper-Pearson) two-sided interval.</summary>
public sealed record ProportionEstimate(int Count, int Total, double Share, double Lower, double Upper)
{
    public static ProportionEstimate Of(int count, int total, double confidence)
    {
        if (total == 0) return new ProportionEstimate(0, 0, double.NaN, 0, 1);
        var (lower, upper) = ClopperPearson.Interval(count, total, confidence);
        return new ProportionEstimate(count, total, (double)count / total, lower, upper);
    }

    /// <summary>True when this share is significantly above the other one (the intervals do not overlap; conservative).</summary>
    public bool ClearlyAbove(ProportionEstimate other) => Total > 0 && other.Total > 0 && Lower > other.Upper;
}
