namespace SynthData.Core.Evaluation;

/// <summary>How well one synthetic column reproduces the real column's distribution (SDMetrics definitions).</summary>
public static class ColumnShapeMetrics
{
    /// <summary>
    /// 1 - the two-sample Kolmogorov-Smirnov statistic (largest gap between the empirical CDFs),
    /// over present values only (NaN ignored). 1 when both columns are entirely missing, 0 when
    /// only one is.
    /// </summary>
    public static double KSComplement(IReadOnlyList<double> real, IReadOnlyList<double> synthetic)
    {
        var r = real.Where(x => !double.IsNaN(x)).Order().ToArray();
        var s = synthetic.Where(x => !double.IsNaN(x)).Order().ToArray();
        if (r.Length == 0 || s.Length == 0) return r.Length == s.Length ? 1 : 0;

        // Walk both sorted samples; after consuming every copy of the next value, compare CDFs.
        int i = 0, j = 0;
        double statistic = 0;
        while (i < r.Length && j < s.Length)
        {
            double next = Math.Min(r[i], s[j]);
            while (i < r.Length && r[i] == next) i++;
            while (j < s.Length && s[j] == next) j++;
            statistic = Math.Max(statistic, Math.Abs((double)i / r.Length - (double)j / s.Length));
        }
        // Past this point one CDF is 1 and the other only grows towards 1: the gap only shrinks.
        return 1 - statistic;
    }

    /// <summary>1 - total variation distance of the label frequencies; missing (null) counts as a label.</summary>
    public static double TVComplement(IReadOnlyList<string?> real, IReadOnlyList<string?> synthetic)
    {
        var coder = new LabelCoder();
        return 1 - TotalVariation(coder.Codes(real), coder.Codes(synthetic), coder.Count);
    }

    /// <summary>(1/2) sum over codes of |real share - synthetic share|; 0 if both are empty.</summary>
    internal static double TotalVariation(int[] real, int[] synthetic, int codes)
    {
        if (real.Length == 0 || synthetic.Length == 0) return real.Length == synthetic.Length ? 0 : 1;
        var realCounts = new double[codes];
        var syntheticCounts = new double[codes];
        foreach (var c in real) realCounts[c]++;
        foreach (var c in synthetic) syntheticCounts[c]++;
        double sum = 0;
        for (int k = 0; k < codes; k++) sum += Math.Abs(realCounts[k] / real.Length - syntheticCounts[k] / synthetic.Length);
        return sum / 2;
    }
}
