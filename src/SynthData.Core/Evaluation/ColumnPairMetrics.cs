namespace SynthData.Core.Evaluation;

/// <summary>How well synthetic data keeps the relation between two columns (SDMetrics definitions).</summary>
public static class ColumnPairMetrics
{
    /// <summary>Number of quantile bins a numeric column is cut into for contingency tables.</summary>
    public const int NumericBins = 10;

    /// <summary>
    /// 1 - |r_real - r_synthetic| / 2 with Pearson's r over the rows where both cells are present;
    /// null when r is undefined in either table (fewer than two such rows, or a constant column).
    /// </summary>
    public static double? CorrelationSimilarity(
        IReadOnlyList<double> realA, IReadOnlyList<double> realB, IReadOnlyList<double> syntheticA, IReadOnlyList<double> syntheticB)
    {
        var realR = Pearson(realA, realB);
        var syntheticR = Pearson(syntheticA, syntheticB);
        if (realR is null || syntheticR is null) return null;
        return 1 - Math.Abs(realR.Value - syntheticR.Value) / 2;
    }

    /// <summary>
    /// 1 - (1/2) sum over cells |R_ab - S_ab| of the two joint frequency tables of coded columns
    /// (codes from <see cref="LabelCoder"/> or <see cref="QuantileBins"/>).
    /// </summary>
    public static double ContingencySimilarity(int[] realA, int[] realB, int[] syntheticA, int[] syntheticB)
    {
        if (realA.Length != realB.Length || syntheticA.Length != syntheticB.Length)
            throw new ArgumentException("Both columns of a pair must have the same number of rows.");
        if (realA.Length == 0 || syntheticA.Length == 0) return realA.Length == syntheticA.Length ? 1 : 0;
        var cells = new Dictionary<(int, int), (double Real, double Synthetic)>();
        for (int i = 0; i < realA.Length; i++)
        {
            cells.TryGetValue((realA[i], realB[i]), out var c);
            cells[(realA[i], realB[i])] = (c.Real + 1, c.Synthetic);
        }
        for (int i = 0; i < syntheticA.Length; i++)
        {
            cells.TryGetValue((syntheticA[i], syntheticB[i]), out var c);
            cells[(syntheticA[i], syntheticB[i])] = (c.Real, c.Synthetic + 1);
        }
        double sum = 0;
        foreach (var (real, synthetic) in cells.Values)
            sum += Math.Abs(real / realA.Length - synthetic / syntheticA.Length);
        return 1 - sum / 2;
    }

    static double? Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException("Both columns of a pair must have the same number of rows.");
        int n = 0;
        double meanA = 0, meanB = 0;
        for (int i = 0; i < a.Count; i++)
        {
            if (double.IsNaN(a[i]) || double.IsNaN(b[i])) continue;
            n++;
            meanA += a[i];
            meanB += b[i];
        }
        if (n < 2) return null;
        meanA /= n;
        meanB /= n;
        double covariance = 0, varianceA = 0, varianceB = 0;
        for (int i = 0; i < a.Count; i++)
        {
            if (double.IsNaN(a[i]) || double.IsNaN(b[i])) continue;
            double da = a[i] - meanA, db = b[i] - meanB;
            covariance += da * db;
            varianceA += da * da;
            varianceB += db * db;
        }
        if (varianceA <= 0 || varianceB <= 0) return null;
        return Math.Clamp(covariance / Math.Sqrt(varianceA * varianceB), -1, 1);
    }
}
