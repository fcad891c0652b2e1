using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Audits.Canaries;

/// <summary>
/// Canary rows drawn from the released transformer's public layout, never from private rows: each
/// numeric cell uniform between the column's DP (or declared) bounds, each label uniform over the
/// DP-released categories, independently per column, so a canary is unlike a typical row with high
/// probability. Identifier and PII cells get synthetic tokens ("canary-i").
/// </summary>
public static class CanaryFactory
{
    /// <summary>Draws <paramref name="count"/> canary rows in the schema's column order from the transformer's public bounds and labels.</summary>
    public static TabularData FromLayout(TableTransformer transformer, TableSchema schema, int count, Random random)
    {
        var fitted = transformer.Columns.ToDictionary(c => c.Schema.Name, StringComparer.Ordinal);
        var columns = new List<object>(schema.Columns.Count);
        foreach (var column in schema.Columns)
        {
            if (!fitted.TryGetValue(column.Name, out var fit))
            {
                if (column.IsNumeric) columns.Add(Enumerable.Repeat(double.NaN, count).ToArray());
                else columns.Add(Enumerable.Range(0, count).Select(i => (string?)$"canary-{i}").ToArray());
            }
            else if (fit.Numeric is { } transform)
            {
                bool integer = column.Kind == ColumnKind.Integer;
                columns.Add(Enumerable.Range(0, count).Select(_ =>
                {
                    double value = transform.Lower + (transform.Upper - transform.Lower) * random.NextDouble();
                    return integer ? Math.Round(value) : value;
                }).ToArray());
            }
            else
            {
                var labels = fit.Categories!.Labels;
                columns.Add(Enumerable.Range(0, count).Select(_ => (string?)labels[random.Next(labels.Count)]).ToArray());
            }
        }
        return new TabularData(schema, columns);
    }
}
