using SynthData.Core.Model;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Evaluation;

/// <summary>
/// A numeric column whose synthetic distribution disagrees with the DP quantiles released while fitting, by more
/// than the noise of that release and the sampling error of the synthetic sample explain.
/// </summary>
/// <param name="Column">Numeric column flagged.</param>
/// <param name="Deviation">The largest gap, in cumulative probability, between the synthetic CDF and a released knot's level.</param>
/// <param name="Allowed">What the DP noise and the sample size explain (see <see cref="DpMarginalCheck"/>).</param>
public sealed record MarginalWarning(string Column, double Deviation, double Allowed);

/// <summary>
/// The quality warning that costs nothing: it compares the generator's output only with what the run already
/// released under DP (each column's quantile knots), so its figures are post-processing and may be published
/// in the footer. A knot at level l means "a fraction l of the rows lie at or below this value", up to the
/// release's error; where the synthetic sample's fraction differs from l by more than that error plus its own
/// sampling error, the column is flagged. Columns with declared bounds and no DP quantiles, and label columns,
/// are not checked.
/// </summary>
public static class DpMarginalCheck
{
    /// <summary>
    /// Allowed gap for one column: the descent's mass error over the N training rows (4 sd: 4 s sqrt(H) rows, s the
    /// node noise sd, H the tree height), 4 sd of a binomial proportion at 1/2 over the synthetic sample's n rows,
    /// and the knots' level spacing (an atom's true share falls anywhere between two levels). Mass that pruning
    /// moved is not in it: its worst case (3 s at each of H levels) would excuse any gap at a few thousand rows,
    /// and a test checks that the training rows themselves pass.
    /// </summary>
    public static double Allowed(double nodeNoiseSd, int treeHeight, long trainingRows, long syntheticRows, double levelSpacing) =>
        4 * nodeNoiseSd * Math.Sqrt(treeHeight) / Math.Max(1, trainingRows)
        + 4 * Math.Sqrt(0.25 / Math.Max(1, syntheticRows)) + levelSpacing;

    /// <summary>Checks every numeric column with DP quantile knots against the synthetic sample; returns the columns that disagree.</summary>
    public static IReadOnlyList<MarginalWarning> Run(TrainedModel model, TabularData synthetic)
    {
        var manifest = model.Manifest;
        var options = manifest.Plan.Preprocessing;
        var plan = PreprocessingPlan.For(manifest.Schema, options);
        var warnings = new List<MarginalWarning>();
        foreach (var fitted in model.Transformer.Columns)
        {
            if (fitted.Numeric is not { } transform) continue;
            var treatment = plan.Columns.Single(c => c.Column.Name == fitted.Schema.Name).Treatment;
            if (!treatment.ReleasesDpQuantiles()) continue;
            var grid = TransformerFitting.GridFor(fitted.Schema, treatment == ColumnTreatment.DpQuantilesWithinDeclaredBounds, options);
            var tree = new HierarchicalHistogram(options.QuantileNoiseMultiplier, grid.BinCount);
            var values = synthetic.Numeric(fitted.Schema.Name).Where(v => !double.IsNaN(v)).Order().ToArray();
            if (values.Length == 0) continue;
            double deviation = LargestGap(transform, values);
            double spacing = transform.Levels.Zip(transform.Levels.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
            double allowed = Allowed(tree.NodeNoiseStandardDeviation, tree.Height, manifest.TrainingRows, values.Length, spacing);
            if (deviation > allowed) warnings.Add(new MarginalWarning(fitted.Schema.Name, deviation, allowed));
        }
        return warnings;
    }

    /// <summary>
    /// For each distinct knot value v (a run of tied knots is an atom spanning levels [lo, hi]): the synthetic share
    /// at or below v against hi, and strictly below v against lo.
    /// </summary>
    internal static double LargestGap(QuantileTransform transform, double[] sortedValues)
    {
        var knots = transform.Values;
        var levels = transform.Levels;
        double n = sortedValues.Length, gap = 0;
        int j = 0;
        while (j < knots.Count)
        {
            int end = j;
            while (end + 1 < knots.Count && knots[end + 1] == knots[j]) end++;
            // Rows beyond the outermost knots are clipped onto them, so the first run is checked only from above
            // (share at or below it) and the last only from below (share strictly below it).
            if (end < knots.Count - 1) gap = Math.Max(gap, Math.Abs(UpperBound(sortedValues, knots[j]) / n - levels[end]));
            if (j > 0) gap = Math.Max(gap, Math.Abs(LowerBound(sortedValues, knots[j]) / n - levels[j]));
            j = end + 1;
        }
        return gap;
    }

    static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] <= value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
