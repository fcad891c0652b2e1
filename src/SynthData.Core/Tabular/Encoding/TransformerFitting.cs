using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tabular.Encoding;

/// <summary>
/// Fits a <see cref="TableTransformer"/>: declared bounds and label sets are taken as given, the rest comes from
/// accounted DP mechanisms (category histograms, quantiles on a public grid), each returned as a ledger record.
/// </summary>
public static class TransformerFitting
{
    /// <summary>
    /// Fits the transformer to the modelled columns of the training rows, following
    /// <see cref="PreprocessingPlan.For"/>. Returns one record per DP mechanism that ran (empty when
    /// every bound and category list is declared).
    /// </summary>
    public static (TableTransformer Transformer, IReadOnlyList<MechanismRecord> Records) Fit(
        TabularData trainingRows, PreprocessingOptions options, INoiseSource noise)
    {
        var plan = PreprocessingPlan.For(trainingRows.Schema, options);
        var records = new List<MechanismRecord>();
        var fitted = new List<FittedColumn>();
        foreach (var column in plan.Columns)
        {
            var schema = column.Column;
            int index = trainingRows.Schema.IndexOf(schema.Name);
            switch (column.Treatment)
            {
                case ColumnTreatment.DeclaredCategories:
                    fitted.Add(new FittedColumn(schema, null,
                        CategoryVocabulary.Create(schema.Categories!, options.OtherLabel, schema.Nullable)));
                    break;
                case ColumnTreatment.DpCategories:
                {
                    var histogram = DpCategoryHistogram.WithThresholdDelta(options.CategoryNoiseMultiplier, options.CategoryThresholdDelta);
                    var release = histogram.Release(trainingRows.Labels(index), noise, schema.Name);
                    records.Add(release.Record);
                    fitted.Add(new FittedColumn(schema, null,
                        CategoryVocabulary.Create(release.Value.Labels, options.OtherLabel, schema.Nullable)));
                    break;
                }
                case ColumnTreatment.DeclaredBounds:
                    fitted.Add(new FittedColumn(schema, LinearTransform(schema.Min!.Value, schema.Max!.Value, options), null));
                    break;
                case ColumnTreatment.DpQuantilesWithinDeclaredBounds:
                case ColumnTreatment.DpQuantiles:
                {
                    var (transform, record) = FitQuantiles(schema, column.Treatment, trainingRows.Numeric(index), options, noise);
                    records.Add(record);
                    fitted.Add(new FittedColumn(schema, transform, null));
                    break;
                }
            }
        }
        return (new TableTransformer(fitted), records);
    }

    static QuantileTransform LinearTransform(double min, double max, PreprocessingOptions options) =>
        min == max ? new QuantileTransform([min], [0.5], options.NormalScoreClip)
                   : new QuantileTransform([min, max], [0.0, 1.0], options.NormalScoreClip);

    /// <summary>
    /// The public grid of a column's DP histogram. Integer columns get a point bin per integer (between declared
    /// bounds when there are at most <see cref="HistogramGrid.MaxIntegerBins"/>, else for small magnitudes before
    /// log bins), so values held by many rows come back exactly; others an even grid within declared bounds or a
    /// symmetric log grid.
    /// </summary>
    internal static HistogramGrid GridFor(ColumnSchema schema, bool declared, PreprocessingOptions options)
    {
        bool integer = schema.Kind == ColumnKind.Integer;
        if (declared)
        {
            double min = schema.Min!.Value, max = schema.Max!.Value;
            return integer && max - min < HistogramGrid.MaxIntegerBins && Math.Ceiling(min) <= Math.Floor(max)
                ? HistogramGrid.Integers((long)Math.Ceiling(min), (long)Math.Floor(max))
                : HistogramGrid.Uniform(min, max, options.DeclaredBoundsBins);
        }
        return integer ? HistogramGrid.IntegersThenLog(binsPerDecade: options.LogGridBinsPerDecade) : HistogramGrid.SymmetricLog(options.LogGridBinsPerDecade);
    }

    static (QuantileTransform, MechanismRecord) FitQuantiles(ColumnSchema schema, ColumnTreatment treatment, double[] values,
        PreprocessingOptions options, INoiseSource noise)
    {
        bool declared = treatment == ColumnTreatment.DpQuantilesWithinDeclaredBounds;
        int k = options.QuantileKnots;
        // Declared bounds: knots span the whole CDF [0, 1] with the ends pinned to Min and Max.
        // Otherwise the outermost knots are the DP bound quantiles (outliers beyond are clipped).
        double first = declared ? 0.0 : options.LowerBoundLevel;
        double last = declared ? 1.0 : options.UpperBoundLevel;
        var levels = Enumerable.Range(0, k).Select(j => first + (last - first) * j / (k - 1)).ToArray();
        var grid = GridFor(schema, declared, options);
        var release = new DpQuantiles(options.QuantileNoiseMultiplier).Release(values, grid, levels, noise, schema.Name);
        var knots = release.Value;
        if (declared)
        {
            knots[0] = schema.Min!.Value;
            knots[^1] = schema.Max!.Value;
        }
        // A single declared bound still limits the DP knots.
        for (int j = 0; j < knots.Length; j++)
            knots[j] = Math.Clamp(knots[j], schema.Min ?? double.NegativeInfinity, schema.Max ?? double.PositiveInfinity);
        return (new QuantileTransform(knots, levels, options.NormalScoreClip), release.Record);
    }
}
