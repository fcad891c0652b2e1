namespace SynthData.Core.Audits.Statistics;

/// <summary>
/// ROC analysis of a membership score: higher scores mean "more likely a member". Members are the
/// positives, non-members the negatives. Only deterministic thresholds are used (no randomised
/// tie-splitting), so every reported operating point is achievable by a real attacker.
/// </summary>
public static class RocAnalysis
{
    /// <summary>
    /// Area under the ROC curve as the Mann-Whitney statistic: the probability that a random member
    /// outscores a random non-member, ties counting 1/2. O(n log n) via average ranks.
    /// </summary>
    public static double Auc(IReadOnlyList<double> memberScores, IReadOnlyList<double> nonMemberScores)
    {
        var (scores, isMember, nPos, nNeg) = PoolAndSort(memberScores, nonMemberScores);
        int n = scores.Length;

        // Sum of the members' ranks, tied blocks sharing their average rank (1-based).
        double memberRankSum = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && scores[end + 1] == scores[start]) end++;
            double averageRank = (start + end) / 2.0 + 1.0;
            for (int i = start; i <= end; i++)
                if (isMember[i]) memberRankSum += averageRank;
            start = end + 1;
        }
        double u = memberRankSum - nPos * (nPos + 1.0) / 2.0;
        return u / ((double)nPos * nNeg);
    }

    /// <summary>
    /// The ROC curve: one point per distinct score (threshold = that score, "member" if score &gt;=
    /// threshold), from (0, 0) at threshold +infinity to (1, 1) at the lowest score. FPR and TPR
    /// are non-decreasing along the list.
    /// </summary>
    public static IReadOnlyList<RocPoint> Curve(IReadOnlyList<double> memberScores, IReadOnlyList<double> nonMemberScores)
    {
        var (scores, isMember, nPos, nNeg) = PoolAndSort(memberScores, nonMemberScores);
        int n = scores.Length;

        var points = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        int truePositives = 0, falsePositives = 0;
        // Walk from the highest score down; a tied block is admitted all at once.
        for (int end = n - 1; end >= 0;)
        {
            int start = end;
            while (start - 1 >= 0 && scores[start - 1] == scores[end]) start--;
            for (int i = start; i <= end; i++)
                if (isMember[i]) truePositives++; else falsePositives++;
            points.Add(new RocPoint((double)falsePositives / nNeg, (double)truePositives / nPos, scores[end]));
            end = start - 1;
        }
        return points;
    }

    /// <summary>
    /// The largest TPR achievable by a threshold on the scores whose FPR is &lt;= targetFpr
    /// (e.g. 0.01 or 0.001). Threshold +infinity (TPR = FPR = 0) is always admissible, so the
    /// result is 0 when no finite threshold meets the target.
    /// </summary>
    public static double TprAtFpr(IReadOnlyList<double> memberScores, IReadOnlyList<double> nonMemberScores, double targetFpr)
    {
        if (!(targetFpr >= 0 && targetFpr <= 1))
            throw new ArgumentOutOfRangeException(nameof(targetFpr), "The target false-positive rate must lie in [0, 1].");
        double best = 0;
        foreach (var point in Curve(memberScores, nonMemberScores))
            if (point.FalsePositiveRate <= targetFpr && point.TruePositiveRate > best) best = point.TruePositiveRate;
        return best;
    }

    static void RequireNonEmpty(int nPos, int nNeg)
    {
        if (nPos == 0 || nNeg == 0)
            throw new ArgumentException($"ROC analysis needs at least one member and one non-member score (got {nPos} and {nNeg}).");
    }

    static void RequireNoNaN(double[] scores)
    {
        foreach (var s in scores)
            if (double.IsNaN(s)) throw new ArgumentException("Membership scores must not be NaN.");
    }

    /// <summary>Both groups' scores in one ascending array, with a parallel flag marking members.</summary>
    static (double[] Scores, bool[] IsMember, int Members, int NonMembers) PoolAndSort(
        IReadOnlyList<double> memberScores, IReadOnlyList<double> nonMemberScores)
    {
        int nPos = memberScores.Count, nNeg = nonMemberScores.Count;
        RequireNonEmpty(nPos, nNeg);
        int n = nPos + nNeg;
        var scores = new double[n];
        var isMember = new bool[n];
        for (int i = 0; i < nPos; i++) { scores[i] = memberScores[i]; isMember[i] = true; }
        for (int i = 0; i < nNeg; i++) scores[nPos + i] = nonMemberScores[i];
        RequireNoNaN(scores);
        Array.Sort(scores, isMember);
        return (scores, isMember, nPos, nNeg);
    }
}
