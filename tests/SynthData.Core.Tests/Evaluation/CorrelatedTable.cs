using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Evaluation;

/// <summary>
/// A seeded table with strong relations between columns: y = x + small noise, a category that
/// follows the sign of x, an integer column that follows y, plus an identifier.
/// </summary>
static class CorrelatedTable
{
    public static readonly TableSchema Schema = new([
        new ColumnSchema { Name = "id", Kind = ColumnKind.Identifier },
        new ColumnSchema { Name = "x", Kind = ColumnKind.Continuous, Nullable = true },
        new ColumnSchema { Name = "y", Kind = ColumnKind.Continuous },
        new ColumnSchema { Name = "group", Kind = ColumnKind.Categorical, Nullable = true },
        new ColumnSchema { Name = "count", Kind = ColumnKind.Integer },
    ]);

    public static TabularData Create(int rows, int seed)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed));
        var x = Enumerable.Range(0, rows).Select(_ => normal.Sample()).ToArray();
        var y = x.Select(v => v + 0.2 * normal.Sample()).ToArray();
        var group = x.Select((v, i) => i % 17 == 0 ? null : v > 0 ? "high" : "low").ToArray();
        var count = y.Select(v => Math.Round(3 * v + 10)).ToArray();
        for (int i = 0; i < rows; i += 23) x[i] = double.NaN; // some missing cells
        return new TabularData(Schema, [
            Enumerable.Range(0, rows).Select(i => (string?)$"row{i}").ToArray(), x, y, group, count]);
    }

    /// <summary>Each column permuted independently: same marginals, relations destroyed.</summary>
    public static TabularData ShuffleColumns(TabularData table, int seed)
    {
        var random = new Random(seed);
        var columns = new object[table.Schema.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            var order = Enumerable.Range(0, table.RowCount).ToArray();
            random.Shuffle(order);
            columns[c] = table.Column(c) switch
            {
                double[] d => order.Select(i => d[i]).ToArray(),
                string?[] s => order.Select(i => s[i]).ToArray(),
                _ => throw new InvalidOperationException(),
            };
        }
        return new TabularData(table.Schema, columns);
    }
}
