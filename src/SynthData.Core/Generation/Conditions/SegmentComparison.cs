using SynthData.Core.Evaluation;
using SynthData.Core.Tabular;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// Compares the marginals of two synthetic samples of one segment (conditional generation against rejection
/// sampling from the same model), column by column. Both are outputs of the released model: no private row.
/// <para>
/// Tolerances come from theory, for two independent samples of sizes n and m from one distribution, with
/// h = 1/n + 1/m (the conditional sample's n is divided by its design effect, see below):
/// <list type="bullet">
/// <item>Labels, total variation TV = 1/2 sum |p_j - q_j|: E|p_j - q_j| &lt;= sqrt(pi_j (1 - pi_j) h), so E TV &lt;= 1/2 sum_j sqrt(pi_j (1 - pi_j) h)
/// (the sampling error), and TV has bounded differences (one row moves it by at most 1/n or 1/m), so by McDiarmid
/// P(TV &gt;= E TV + t) &lt;= exp(-2 t^2 / h): tolerance = error + sqrt(h ln(1/alpha) / 2), with pi_j the pooled share.</item>
/// <item>Numbers, KS: the asymptotic two-sample critical value c(alpha) sqrt(h) with c(alpha) = sqrt(-ln(alpha / 2) / 2)
/// over present values (missing cells ignored; conservative for rounded, tied values); the sampling error is the 5% critical value 1.358 sqrt(h).</item>
/// </list>
/// Conditional rows resampled from one latent are correlated, so the conditional sample counts as n / D rows with
/// D = 1 + (rows per block) / ESS &lt;= 1.5 (the sampler emits at most half a block's ESS): <see cref="DesignEffect"/>.
/// </para>
/// </summary>
public static class SegmentComparison
{
    /// <summary>The design effect of the conditional sample, from the sampler's cap of half a block's ESS in rows.</summary>
    public const double DesignEffect = 1.5;

    /// <summary>One comparison per named column, each tolerance at false-alarm rate <paramref name="alpha"/>.</summary>
    public static IReadOnlyList<MarginalComparison> Compare(TabularData conditional, TabularData reference, IEnumerable<string> columns, double alpha)
    {
        double n = conditional.RowCount / DesignEffect, m = reference.RowCount;
        if (n <= 0 || m <= 0) throw new InvalidInputException("Both samples need rows to compare.");
        double h = 1 / n + 1 / m;
        var results = new List<MarginalComparison>();
        foreach (string name in columns)
        {
            int a = conditional.Schema.IndexOf(name), b = reference.Schema.IndexOf(name);
            if (a < 0 || b < 0) throw new InvalidInputException($"Both samples need the column '{name}'.");
            if (conditional.Schema.Columns[a].IsNumeric)
            {
                double ks = 1 - ColumnShapeMetrics.KSComplement(conditional.Numeric(a), reference.Numeric(b));
                results.Add(new MarginalComparison(name, "ks", ks, 1.358 * Math.Sqrt(h), Math.Sqrt(-Math.Log(alpha / 2) / 2) * Math.Sqrt(h)));
            }
            else
            {
                var (tv, error) = TotalVariation(conditional.Labels(a), reference.Labels(b), h);
                results.Add(new MarginalComparison(name, "tv", tv, error, error + Math.Sqrt(h * Math.Log(1 / alpha) / 2)));
            }
        }
        return results;
    }

    static (double Distance, double ExpectedError) TotalVariation(string?[] x, string?[] y, double h)
    {
        var p = Shares(x);
        var q = Shares(y);
        double error = 0;
        foreach (var key in p.Keys.Union(q.Keys))
        {
            double pooled = (p.GetValueOrDefault(key) * x.Length + q.GetValueOrDefault(key) * y.Length) / (x.Length + y.Length);
            error += 0.5 * Math.Sqrt(pooled * (1 - pooled) * h);
        }
        return (1 - ColumnShapeMetrics.TVComplement(x, y), error);
    }

    /// <summary>Missing cells (null) count as their own label.</summary>
    static Dictionary<string, double> Shares(string?[] labels)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            string key = label ?? "\u0000missing";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        foreach (var key in counts.Keys.ToList()) counts[key] /= labels.Length;
        return counts;
    }
}
