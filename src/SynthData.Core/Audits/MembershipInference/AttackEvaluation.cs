using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Audits.MembershipInference;

/// <summary>Turns member and non-member scores (higher = "member") into an AttackResult with bootstrap intervals.</summary>
public static class AttackEvaluation
{
    /// <summary>Enough points to draw a smooth ROC curve without bloating the JSON report.</summary>
    const int MaxCurvePoints = 400;

    /// <summary>Computes AUC and TPR at 1% and 0.1% FPR with seeded bootstrap intervals, plus a thinned ROC curve.</summary>
    public static AttackResult Evaluate(string name, double[] memberScores, double[] nonMemberScores, int seed, int resamples, double confidence = 0.95)
    {
        // Distinct seeds per statistic keep the three intervals independent of evaluation order.
        var auc = BootstrapInterval.Compute(memberScores, nonMemberScores, RocAnalysis.Auc, DerivedSeed.For(seed, "auc"), resamples, confidence);
        var tpr1 = BootstrapInterval.Compute(memberScores, nonMemberScores, (m, n) => RocAnalysis.TprAtFpr(m, n, 0.01), DerivedSeed.For(seed, "tpr-at-1pct"), resamples, confidence);
        var tpr01 = BootstrapInterval.Compute(memberScores, nonMemberScores, (m, n) => RocAnalysis.TprAtFpr(m, n, 0.001), DerivedSeed.For(seed, "tpr-at-0.1pct"), resamples, confidence);
        var curve = Thin(RocAnalysis.Curve(memberScores, nonMemberScores));
        return new AttackResult(name, auc.Estimate, auc, tpr1.Estimate, tpr1, tpr01.Estimate, tpr01, curve);
    }

    /// <summary>Keeps the end points and evenly spaced points in between.</summary>
    static IReadOnlyList<RocPoint> Thin(IReadOnlyList<RocPoint> curve)
    {
        if (curve.Count <= MaxCurvePoints) return curve;
        var thinned = new List<RocPoint>(MaxCurvePoints);
        for (int i = 0; i < MaxCurvePoints - 1; i++) thinned.Add(curve[(int)((long)i * (curve.Count - 1) / (MaxCurvePoints - 1))]);
        thinned.Add(curve[^1]);
        return thinned;
    }
}
