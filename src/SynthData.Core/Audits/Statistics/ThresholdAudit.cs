namespace SynthData.Core.Audits.Statistics;

/// <summary>The best threshold of a threshold audit and its bounds.</summary>
/// <param name="Threshold">Score at or above which the test says "member".</param>
/// <param name="FalsePositiveRateUpper">Clopper-Pearson upper bound on the false-positive rate.</param>
/// <param name="FalseNegativeRateUpper">Clopper-Pearson upper bound on the false-negative rate.</param>
/// <param name="EpsilonLowerBound">Epsilon the mechanism cannot be below, at the stated confidence.</param>
public sealed record ThresholdAuditResult(
    double Threshold, double FalsePositiveRateUpper, double FalseNegativeRateUpper, double EpsilonLowerBound);

/// <summary>
/// Epsilon lower bound from a membership test's error rates (Jagielski et al. 2020; Nasr et al.
/// 2021): an (eps, delta)-DP mechanism forces FPR + e^eps FNR &gt;= 1 - delta and the symmetric
/// inequality, so with Clopper-Pearson upper bounds FPR_ub and FNR_ub,
/// eps_LB = max(ln(1 - FNR_ub - delta) - ln FPR_ub, ln(1 - FPR_ub - delta) - ln FNR_ub), floored at 0.
/// A test says "member" when score &gt;= threshold.
/// </summary>
public static class ThresholdAudit
{
    /// <summary>
    /// The bound at one threshold. All 2 x thresholdsTried one-sided Clopper-Pearson bounds hold
    /// together with probability &gt;= confidence (Bonferroni), so the caller may report the best
    /// of thresholdsTried thresholds.
    /// </summary>
    public static double EpsilonLowerBound(
        int falsePositives, int negatives, int falseNegatives, int positives,
        double delta, double confidence = 0.95, int thresholdsTried = 1)
    {
        var (fprUpper, fnrUpper) = UpperRates(falsePositives, negatives, falseNegatives, positives, confidence, thresholdsTried);
        return Bound(fprUpper, fnrUpper, delta);
    }

    /// <summary>
    /// Tries each candidate threshold (they must be chosen without looking at these scores, e.g.
    /// on a separate calibration set, for the binomial bounds to hold) and returns the best bound,
    /// corrected for the number of candidates.
    /// </summary>
    public static ThresholdAuditResult Audit(
        IReadOnlyList<double> memberScores, IReadOnlyList<double> nonMemberScores,
        IReadOnlyList<double> candidateThresholds, double delta, double confidence = 0.95)
    {
        if (candidateThresholds.Count == 0) throw new ArgumentException("At least one candidate threshold is needed.");
        if (memberScores.Count == 0 || nonMemberScores.Count == 0)
            throw new ArgumentException("The audit needs at least one member and one non-member score.");
        ThresholdAuditResult? best = null;
        foreach (var threshold in candidateThresholds)
        {
            int falseNegatives = memberScores.Count(s => s < threshold);
            int falsePositives = nonMemberScores.Count(s => s >= threshold);
            var (fprUpper, fnrUpper) = UpperRates(falsePositives, nonMemberScores.Count, falseNegatives, memberScores.Count,
                confidence, candidateThresholds.Count);
            var result = new ThresholdAuditResult(threshold, fprUpper, fnrUpper, Bound(fprUpper, fnrUpper, delta));
            if (best is null || result.EpsilonLowerBound > best.EpsilonLowerBound) best = result;
        }
        return best!;
    }

    static (double Fpr, double Fnr) UpperRates(int falsePositives, int negatives, int falseNegatives, int positives, double confidence, int thresholdsTried)
    {
        if (thresholdsTried < 1) throw new ArgumentOutOfRangeException(nameof(thresholdsTried), "At least one threshold is tried.");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must lie in (0, 1).");
        double perBound = 1 - (1 - confidence) / (2.0 * thresholdsTried);
        return (ClopperPearson.UpperBound(falsePositives, negatives, perBound),
                ClopperPearson.UpperBound(falseNegatives, positives, perBound));
    }

    static double Bound(double fprUpper, double fnrUpper, double delta)
    {
        if (!(delta >= 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), "Delta must lie in [0, 1).");
        double Side(double errorUpper, double otherUpper)
        {
            double numerator = 1 - otherUpper - delta;
            return numerator <= 0 || errorUpper <= 0 ? double.NegativeInfinity : Math.Log(numerator) - Math.Log(errorUpper);
        }
        return Math.Max(0, Math.Max(Side(fprUpper, fnrUpper), Side(fnrUpper, fprUpper)));
    }
}
