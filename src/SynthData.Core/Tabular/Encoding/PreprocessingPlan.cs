using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tabular.Encoding;

/// <summary>One modelled column and how it will be fitted.</summary>
/// <param name="Event">The privacy event its fitting costs, or null when it reads no private rows.</param>
/// <param name="Column">The column's schema.</param>
/// <param name="Treatment">How the column will be fitted and encoded.</param>
public sealed record ColumnPlan(ColumnSchema Column, ColumnTreatment Treatment, PrivacyEvent? Event);

/// <summary>
/// What fitting the transformer will do and cost, decided from the public schema and options
/// alone: the privacy cost of preprocessing is known before any private row is read, so it can
/// be budgeted up front. <see cref="TableTransformer.Fit"/> follows this plan.
/// </summary>
/// <param name="Columns">Every modelled column's plan, in schema order.</param>
public sealed record PreprocessingPlan(IReadOnlyList<ColumnPlan> Columns)
{
    /// <summary>Plans every modelled column from the schema and options, without reading any row.</summary>
    public static PreprocessingPlan For(TableSchema schema, PreprocessingOptions options)
    {
        options.Validate();
        var columns = new List<ColumnPlan>();
        foreach (var column in schema.Columns.Where(c => c.IsModelled))
        {
            var treatment = TreatmentOf(column, options);
            PrivacyEvent? cost = treatment switch
            {
                ColumnTreatment.DpCategories =>
                    DpCategoryHistogram.WithThresholdDelta(options.CategoryNoiseMultiplier, options.CategoryThresholdDelta).Event,
                ColumnTreatment.DpQuantiles or ColumnTreatment.DpQuantilesWithinDeclaredBounds =>
                    new DpQuantiles(options.QuantileNoiseMultiplier).Event,
                _ => null,
            };
            columns.Add(new ColumnPlan(column, treatment, cost));
        }
        return new PreprocessingPlan(columns);
    }

    /// <summary>The events of the columns that read private rows, in column order (empty when everything is declared).</summary>
    public IReadOnlyList<PrivacyEvent> Events => Columns.Where(c => c.Event is not null).Select(c => c.Event!).ToArray();

    static ColumnTreatment TreatmentOf(ColumnSchema column, PreprocessingOptions options)
    {
        if (column.IsCategorical)
            return column.Categories is { Count: > 0 } ? ColumnTreatment.DeclaredCategories : ColumnTreatment.DpCategories;
        if (column.Min is double min && column.Max is double max && double.IsFinite(min) && double.IsFinite(max) && max >= min)
            return options.QuantilesWithinDeclaredBounds && max > min
                ? ColumnTreatment.DpQuantilesWithinDeclaredBounds
                : ColumnTreatment.DeclaredBounds;
        return ColumnTreatment.DpQuantiles;
    }
}
