namespace SynthData.Core.Tabular;

/// <summary>
/// A table parsed into typed columns, held column-wise in memory for training, audits and
/// evaluation. Numeric kinds (continuous, integer, datetime as Unix seconds) are doubles with NaN
/// for missing; categorical, boolean, identifier and PII columns are strings with null for missing.
/// Values here are private: nothing in this type may reach a log, an error message or an RPC.
/// </summary>
public sealed class TabularData
{
    /// <summary>The columns' descriptions, in storage order.</summary>
    public TableSchema Schema { get; }
    /// <summary>Number of rows (every column has this many).</summary>
    public int RowCount { get; }
    readonly object[] _columns;

    /// <summary>A table over column arrays: double[] for numeric kinds, string?[] for the others, all of one length.</summary>
    public TabularData(TableSchema schema, IReadOnlyList<object> columns)
    {
        if (columns.Count != schema.Columns.Count)
            throw new ArgumentException($"Expected {schema.Columns.Count} columns, got {columns.Count}.");
        Schema = schema;
        _columns = columns.ToArray();
        RowCount = _columns.Length == 0 ? 0 : _columns[0] switch
        {
            double[] d => d.Length,
            string?[] s => s.Length,
            _ => throw new ArgumentException("Columns must be double[] or string?[]."),
        };
        for (int c = 0; c < _columns.Length; c++)
        {
            var col = schema.Columns[c];
            int length = _columns[c] switch
            {
                double[] d when col.IsNumeric => d.Length,
                string?[] s when !col.IsNumeric => s.Length,
                _ => throw new ArgumentException($"Column '{col.Name}' of kind {col.Kind} has the wrong storage type."),
            };
            if (length != RowCount) throw new ArgumentException($"Column '{col.Name}' has {length} rows, expected {RowCount}.");
        }
    }

    /// <summary>A numeric column's values (NaN for missing); the array itself, not a copy.</summary>
    public double[] Numeric(int column) => (double[])_columns[column];
    /// <summary>A label column's values (null for missing); the array itself, not a copy.</summary>
    public string?[] Labels(int column) => (string?[])_columns[column];
    /// <summary>The numeric column named <paramref name="column"/>.</summary>
    public double[] Numeric(string column) => Numeric(Schema.IndexOf(column));
    /// <summary>The label column named <paramref name="column"/>.</summary>
    public string?[] Labels(string column) => Labels(Schema.IndexOf(column));
    /// <summary>A column's array, double[] or string?[] by its kind.</summary>
    public object Column(int column) => _columns[column];

    /// <summary>A new table with the given rows, in the given order.</summary>
    public TabularData SelectRows(IReadOnlyList<int> rows)
    {
        var columns = new object[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
        {
            columns[c] = _columns[c] switch
            {
                double[] d => rows.Select(r => d[r]).ToArray(),
                string?[] s => rows.Select(r => s[r]).ToArray(),
                _ => throw new InvalidOperationException(),
            };
        }
        return new TabularData(Schema, columns);
    }
}
