using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.Canaries;

/// <summary>
/// Canary rows drawn far from the data: each cell uniform over the column's declared categories or
/// bounds, independently per column, so a canary is unlike any real row with high probability.
/// Undeclared categories or bounds fall back to those seen in the rows (used in memory only).
/// Identifier and PII cells get synthetic tokens ("canary-i"), never real values.
/// </summary>
public static class CanaryFactory
{
    public static TabularData Create(TableSchema schema, TabularData rows, int count, Random random)
    {
        var columns = new List<object>(schema.Columns.Count);
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            var column = schema.Columns[c];
            if (!column.IsModelled)
            {
                if (column.IsNumeric) columns.Add(Enumerable.Repeat(double.NaN, count).ToArray());
                else columns.Add(Enumerable.Range(0, count).Select(i => (string?)$"canary-{i}").ToArray());
            }
            else if (column.IsNumeric)
            {
                var seen = rows.Numeric(c).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).ToArray();
                double low = column.Min ?? seen.Min(), high = column.Max ?? seen.Max();
                bool integer = column.Kind == ColumnKind.Integer;
                columns.Add(Enumerable.Range(0, count).Select(_ =>
                {
                    double value = low + (high - low) * random.NextDouble();
                    return integer ? Math.Round(value) : value;
                }).ToArray());
            }
            else
            {
                var labels = column.Categories is { Count: > 0 } declared
                    ? declared.ToArray()
                    : rows.Labels(c).Where(l => l is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                columns.Add(Enumerable.Range(0, count).Select(_ => labels.Length == 0 ? null : labels[random.Next(labels.Length)]).ToArray());
            }
        }
        return new TabularData(schema, columns);
    }
}
