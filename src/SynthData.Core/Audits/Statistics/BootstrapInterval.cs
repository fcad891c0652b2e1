namespace SynthData.Core.Audits.Statistics;

/// <summary>
/// Seeded percentile bootstrap for a statistic of two samples (members, non-members): each group
/// is resampled with replacement, separately, keeping its size, so the group sizes are fixed as in
/// the audit design.
/// </summary>
public static class BootstrapInterval
{
    /// <summary>Percentile bootstrap interval of <paramref name="statistic"/> around its value on the original samples.</summary>
    /// <param name="members">First group (members), resampled on its own.</param>
    /// <param name="nonMembers">Second group (non-members), resampled on its own.</param>
    /// <param name="statistic">
    /// Called once on the original samples and once per resample. The arrays passed in are reused
    /// between calls, so the statistic must not keep references to them.
    /// </param>
    /// <param name="seed">Seeds the resampling, so the interval is reproducible.</param>
    /// <param name="resamples">Number of bootstrap replicates B.</param>
    /// <param name="confidence">Two-sided level; the interval is the (1-c)/2 and (1+c)/2 percentiles.</param>
    public static ConfidenceInterval Compute(
        IReadOnlyList<double> members,
        IReadOnlyList<double> nonMembers,
        Func<double[], double[], double> statistic,
        int seed,
        int resamples = 1000,
        double confidence = 0.95)
    {
        if (members.Count == 0 || nonMembers.Count == 0)
            throw new ArgumentException("The bootstrap needs at least one value in each group.");
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), "At least one resample is needed.");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must lie in (0, 1).");

        var memberArray = members.ToArray();
        var nonMemberArray = nonMembers.ToArray();
        double estimate = statistic(memberArray.ToArray(), nonMemberArray.ToArray());

        var random = new Random(seed);
        var memberSample = new double[memberArray.Length];
        var nonMemberSample = new double[nonMemberArray.Length];
        var replicates = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < memberSample.Length; i++) memberSample[i] = memberArray[random.Next(memberArray.Length)];
            for (int i = 0; i < nonMemberSample.Length; i++) nonMemberSample[i] = nonMemberArray[random.Next(nonMemberArray.Length)];
            replicates[b] = statistic(memberSample, nonMemberSample);
        }
        Array.Sort(replicates);
        double tail = (1 - confidence) / 2;
        return new ConfidenceInterval(estimate, Percentile(replicates, tail), Percentile(replicates, 1 - tail), confidence);
    }

    /// <summary>Linear interpolation between order statistics (the common "type 7" definition).</summary>
    internal static double Percentile(double[] sorted, double probability)
    {
        double position = probability * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
