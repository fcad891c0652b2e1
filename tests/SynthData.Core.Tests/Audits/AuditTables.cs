using SynthData.Core.Tabular;
using static SynthData.Core.Tests.TestSupport.RandomTables;

namespace SynthData.Core.Tests.Audits;

/// <summary>Seeded mixed tables for the audit tests: 3 continuous columns in [0, 1), 2 categorical, an id and an email.</summary>
static class AuditTables
{
    public static readonly TableSchema Schema = new([
        Numeric("x0"), Numeric("x1"), Numeric("x2"),
        Categorical("c0"), Categorical("c1"),
        new ColumnSchema { Name = "id", Kind = ColumnKind.Identifier },
        new ColumnSchema { Name = "email", Kind = ColumnKind.Pii, Pii = PiiKind.Email },
    ]);

    /// <summary>Rows from one fixed distribution; ids and emails carry the prefix so tables never share them by chance.</summary>
    public static TabularData Draw(Random random, int rows, string prefix) => new(Schema, [
        Numbers(random, rows, 0, 1), Numbers(random, rows, 0, 1), Numbers(random, rows, 0, 1),
        Labels(random, rows, 3), Labels(random, rows, 4),
        Enumerable.Range(0, rows).Select(i => (string?)$"{prefix}-{i}").ToArray(),
        Enumerable.Range(0, rows).Select(i => (string?)$"{prefix}{i}@example.org").ToArray(),
    ]);

    /// <summary>Each row of the source with Gaussian noise of the given sd on the numeric columns (categories kept).</summary>
    public static TabularData NoisyCopy(TabularData source, Random random, double sd, string prefix)
    {
        var columns = new List<object>();
        for (int c = 0; c < source.Schema.Columns.Count; c++)
        {
            var column = source.Schema.Columns[c];
            if (column.IsNumeric)
                columns.Add(source.Numeric(c).Select(v => v + sd * Gaussian(random)).ToArray());
            else if (column.IsModelled)
                columns.Add(source.Labels(c).ToArray());
            else
                columns.Add(Enumerable.Range(0, source.RowCount).Select(i => (string?)$"{prefix}-{column.Name}-{i}").ToArray());
        }
        return new TabularData(source.Schema, columns);
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
