using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;
using SynthData.Core.Model;
using SynthData.Core.Tabular.Encoding;
using static TorchSharp.torch;

namespace SynthData.Core.Generation;

/// <summary>
/// Free marginal calibration. The run already released each numeric column's quantiles under DP, and decoding maps a
/// score z to the value at level Phi(z); if the generator's scores are not standard normal (too narrow, shifted, piled
/// up), the decoded column misses those quantiles. Here the generator's score distribution G is measured on a sample of
/// its own output and each knot's level L is moved to Phi(G^-1(L)), so a decoded value is the released quantile at
/// level G(z): the column follows the DP quantiles while each row keeps its rank, so the rank dependence between columns
/// is untouched. Only the model (published) and the released knots are read, never a row: post-processing, no cost.
/// Columns whose knots are declared bounds rather than DP quantiles are left alone.
/// </summary>
public static class QuantileCalibration
{
    /// <summary>Rows sampled to measure G: its quantiles are then within about 1/sqrt(4 n) = 0.0035 in level.</summary>
    public const int SampleRows = 20_000;

    // The sample is public randomness (it reads the model only), fixed so one model always decodes the same way.
    const ulong SampleSeed = 0x5EED_CA11_B2A7_E001;

    static readonly ConditionalWeakTable<TrainedModel, TableTransformer> Cache = new();

    /// <summary>The transformer generation decodes with: the model's, its DP-quantile columns recalibrated.</summary>
    public static TableTransformer For(TrainedModel model) => Cache.GetValue(model, Calibrate);

    static TableTransformer Calibrate(TrainedModel model)
    {
        var transformer = model.Transformer;
        var plan = PreprocessingPlan.For(model.Manifest.Schema, model.Manifest.Plan.Preprocessing);
        var released = plan.Columns
            .Where(c => c.Treatment.ReleasesDpQuantiles())
            .Select(c => c.Column.Name).ToHashSet(StringComparer.Ordinal);
        if (!transformer.Columns.Any(c => c.Numeric is not null && released.Contains(c.Schema.Name))) return transformer;

        var output = new float[(long)SampleRows * transformer.Width];
        using (var generator = new Generator(SampleSeed))
            model.Vae.SampleLogits(SampleRows, generator, output);
        var columns = new List<FittedColumn>(transformer.Columns.Count);
        foreach (var column in transformer.Columns)
        {
            if (column.Numeric is not { } numeric || !released.Contains(column.Schema.Name) || numeric.Values.Count < 2)
            {
                columns.Add(column);
                continue;
            }
            int offset = transformer.OffsetOf(column.Schema.Name), width = transformer.Width;
            var scores = new List<double>(SampleRows);
            for (long at = offset; at < output.Length; at += width)
                // A nullable column's score is decoded only where the present slot wins; the others say nothing of G.
                if (!column.Schema.Nullable || output[at + 1] >= output[at + 2]) scores.Add(output[at]);
            if (scores.Count < 2)
            {
                columns.Add(column);
                continue;
            }
            var sorted = scores.ToArray();
            Array.Sort(sorted);
            columns.Add(column with { Numeric = Recalibrated(numeric, sorted) });
        }
        return new TableTransformer(columns);
    }

    /// <summary>The knots at levels Phi(G^-1(L)), G the empirical distribution of <paramref name="sortedScores"/>.</summary>
    internal static QuantileTransform Recalibrated(QuantileTransform transform, double[] sortedScores)
    {
        var levels = new double[transform.Levels.Count];
        for (int j = 0; j < levels.Length; j++)
        {
            double level = Normal.CDF(0, 1, Quantile(sortedScores, transform.Levels[j]));
            // Levels must rise strictly; equal sample quantiles (a point mass in the scores) are nudged apart.
            levels[j] = j == 0 ? level : Math.Max(level, levels[j - 1] + 1e-12);
        }
        if (levels[^1] > 1) return transform; // cannot happen short of 1e12 knots; keep the released transform
        return new QuantileTransform(transform.Values, levels, transform.Clip);
    }

    /// <summary>The p-quantile of sorted values with linear interpolation between order statistics.</summary>
    static double Quantile(double[] sorted, double p)
    {
        double position = Math.Clamp(p, 0, 1) * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        if (below >= sorted.Length - 1) return sorted[^1];
        return sorted[below] + (sorted[below + 1] - sorted[below]) * (position - below);
    }
}
