using SynthData.Core.Tabular;

namespace SynthData.Core.Evaluation;

/// <summary>One column's shape score; Metric is "KSComplement" or "TVComplement".</summary>
/// <param name="Column">Column scored.</param>
/// <param name="Metric">Metric used.</param>
/// <param name="Score">Score in [0, 1]; 1 means identical distributions.</param>
public sealed record ColumnShapeScore(string Column, string Metric, double Score);

/// <summary>One column pair's trend score; Metric is "CorrelationSimilarity" or "ContingencySimilarity".</summary>
/// <param name="FirstColumn">First column of the pair.</param>
/// <param name="SecondColumn">Second column of the pair.</param>
/// <param name="Metric">Metric used.</param>
/// <param name="Score">Score in [0, 1]; 1 means identical trends.</param>
public sealed record ColumnPairTrendScore(string FirstColumn, string SecondColumn, string Metric, double Score);

/// <summary>
/// SDMetrics-style quality report of a synthetic table against the real one, over the real
/// schema's modelled columns (matched by name in the synthetic table). All scores lie in [0, 1],
/// 1 meaning identical distributions.
/// <para>
/// The scores are computed from private rows without noise: they are diagnostics for the data
/// owner and are not covered by the differential-privacy guarantee of the synthetic data.
/// </para>
/// </summary>
/// <param name="ColumnShapes">One shape score per modelled column.</param>
/// <param name="PairTrends">One trend score per unordered column pair.</param>
/// <param name="ShapeScore">Mean of the shape scores.</param>
/// <param name="PairTrendScore">Mean of the pair scores; NaN with a single column.</param>
/// <param name="Overall">Mean of the two, or the shape score when there is no pair.</param>
public sealed record QualityReport(
    IReadOnlyList<ColumnShapeScore> ColumnShapes,
    IReadOnlyList<ColumnPairTrendScore> PairTrends,
    double ShapeScore,
    double PairTrendScore,
    double Overall)
{
    /// <summary>
    /// Shapes: KSComplement for numeric columns (continuous, integer, datetime; missing ignored),
    /// TVComplement for categorical and boolean ones (missing is a category). Pair trends, for every
    /// unordered pair: CorrelationSimilarity (Pearson) for two numeric columns, ContingencySimilarity
    /// otherwise, numeric columns cut into 10 quantile bins from the real data (missing is a bin).
    /// A numeric pair whose correlation is undefined in either table (e.g. a constant column) is
    /// scored by ContingencySimilarity instead. ShapeScore and PairTrendScore are plain means and
    /// Overall is their mean; with a single column there is no pair, so PairTrendScore is NaN and
    /// Overall is the ShapeScore.
    /// </summary>
    public static QualityReport Compute(TabularData real, TabularData synthetic)
    {
        var columns = new List<(ColumnSchema Schema, int Real, int Synthetic)>();
        for (int c = 0; c < real.Schema.Columns.Count; c++)
        {
            var schema = real.Schema.Columns[c];
            if (!schema.IsModelled) continue;
            int s = synthetic.Schema.IndexOf(schema.Name);
            if (s < 0) throw new InvalidInputException($"The synthetic table lacks the modelled column '{schema.Name}'.");
            if (synthetic.Schema.Columns[s].IsNumeric != schema.IsNumeric)
                throw new InvalidInputException($"Column '{schema.Name}' is stored differently in the synthetic table ({synthetic.Schema.Columns[s].Kind} vs {schema.Kind}).");
            columns.Add((schema, c, s));
        }
        if (columns.Count == 0) throw new InvalidInputException("The real table has no modelled columns to evaluate.");

        // Codes for contingency tables, computed once per column.
        var realCodes = new int[columns.Count][];
        var syntheticCodes = new int[columns.Count][];
        var shapes = new List<ColumnShapeScore>();
        for (int k = 0; k < columns.Count; k++)
        {
            var (schema, r, s) = columns[k];
            if (schema.IsNumeric)
            {
                shapes.Add(new(schema.Name, "KSComplement", ColumnShapeMetrics.KSComplement(real.Numeric(r), synthetic.Numeric(s))));
                var bins = new QuantileBins(real.Numeric(r), ColumnPairMetrics.NumericBins);
                realCodes[k] = bins.Codes(real.Numeric(r));
                syntheticCodes[k] = bins.Codes(synthetic.Numeric(s));
            }
            else
            {
                shapes.Add(new(schema.Name, "TVComplement", ColumnShapeMetrics.TVComplement(real.Labels(r), synthetic.Labels(s))));
                var coder = new LabelCoder();
                realCodes[k] = coder.Codes(real.Labels(r));
                syntheticCodes[k] = coder.Codes(synthetic.Labels(s));
            }
        }

        var pairs = new List<ColumnPairTrendScore>();
        for (int a = 0; a < columns.Count; a++)
        {
            for (int b = a + 1; b < columns.Count; b++)
            {
                var (first, second) = (columns[a], columns[b]);
                double? correlation = first.Schema.IsNumeric && second.Schema.IsNumeric
                    ? ColumnPairMetrics.CorrelationSimilarity(
                        real.Numeric(first.Real), real.Numeric(second.Real),
                        synthetic.Numeric(first.Synthetic), synthetic.Numeric(second.Synthetic))
                    : null;
                pairs.Add(correlation is double score
                    ? new(first.Schema.Name, second.Schema.Name, "CorrelationSimilarity", score)
                    : new(first.Schema.Name, second.Schema.Name, "ContingencySimilarity",
                        ColumnPairMetrics.ContingencySimilarity(realCodes[a], realCodes[b], syntheticCodes[a], syntheticCodes[b])));
            }
        }

        double shapeScore = shapes.Average(x => x.Score);
        if (pairs.Count == 0) return new QualityReport(shapes, pairs, shapeScore, double.NaN, shapeScore);
        double pairScore = pairs.Average(x => x.Score);
        return new QualityReport(shapes, pairs, shapeScore, pairScore, (shapeScore + pairScore) / 2);
    }
}
