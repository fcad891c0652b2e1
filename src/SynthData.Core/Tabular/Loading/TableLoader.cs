using SynthData.Core.Tabular.Io;

namespace SynthData.Core.Tabular.Loading;

/// <summary>
/// Parses a table's rows into typed values as a schema says: numbers in invariant culture,
/// integers whole, datetimes as Unix seconds, booleans normalised to the schema's labels, missing
/// tokens to NaN / null. Columns of the table that the schema does not name are skipped; a schema
/// column that the table lacks is an error. Declared numeric bounds are not enforced here: values
/// outside them are clipped by the encoding layer, as DP bounds require.
/// </summary>
public static class TableLoader
{
    /// <summary>Reads the whole table into memory, column-wise.</summary>
    public static TabularData Load(ITableReader reader, TableSchema schema)
    {
        var numeric = schema.Columns.Select(c => c.IsNumeric ? new List<double>() : null).ToArray();
        var text = schema.Columns.Select(c => c.IsNumeric ? null : new List<string?>()).ToArray();
        foreach (var row in Stream(reader, schema))
        {
            for (int c = 0; c < numeric.Length; c++)
            {
                if (numeric[c] is { } n) n.Add(row.Numeric[c]);
                else text[c]!.Add(row.Text[c]);
            }
        }
        return Build(schema, numeric, text);
    }

    /// <summary>Parsed rows one at a time, for single-pass consumers that never hold the table.</summary>
    public static IEnumerable<ParsedRow> Stream(ITableReader reader, TableSchema schema)
    {
        var parsers = schema.Columns.Select(c => new CellParser(reader.Path, c)).ToArray();
        var sources = SourceIndices(reader, schema);
        long rows = 0;
        foreach (var raw in reader.ReadRows())
        {
            var numeric = new double[parsers.Length];
            var text = new string?[parsers.Length];
            for (int c = 0; c < parsers.Length; c++)
            {
                string? cell = raw.Cells[sources[c]];
                if (schema.Columns[c].IsNumeric) numeric[c] = parsers[c].ParseNumber(cell, raw.RowNumber);
                else { numeric[c] = double.NaN; text[c] = parsers[c].ParseText(cell, raw.RowNumber); }
            }
            rows++;
            yield return new ParsedRow(raw.RowNumber, numeric, text);
        }
        if (rows == 0) throw new TableFormatException(reader.Path, null, null, "at least one data row");
    }

    /// <summary>The table in chunks of at most <paramref name="chunkRows"/> rows (e.g. one Parquet row group each).</summary>
    public static IEnumerable<TabularData> Chunks(ITableReader reader, TableSchema schema, int chunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var chunk = new List<ParsedRow>(chunkRows);
        foreach (var row in Stream(reader, schema))
        {
            chunk.Add(row);
            if (chunk.Count == chunkRows) { yield return ToTable(schema, chunk); chunk.Clear(); }
        }
        if (chunk.Count > 0) yield return ToTable(schema, chunk);
    }

    static TabularData ToTable(TableSchema schema, List<ParsedRow> rows)
    {
        var columns = new object[schema.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            int column = c;
            columns[c] = schema.Columns[c].IsNumeric
                ? rows.Select(r => r.Numeric[column]).ToArray()
                : rows.Select(r => r.Text[column]).ToArray();
        }
        return new TabularData(schema, columns);
    }

    static TabularData Build(TableSchema schema, List<double>?[] numeric, List<string?>?[] text)
    {
        var columns = new object[schema.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
            columns[c] = numeric[c] is { } n ? n.ToArray() : text[c]!.ToArray();
        return new TabularData(schema, columns);
    }

    static int[] SourceIndices(ITableReader reader, TableSchema schema)
    {
        var indices = new int[schema.Columns.Count];
        for (int c = 0; c < indices.Length; c++)
        {
            indices[c] = IndexOf(reader.ColumnNames, schema.Columns[c].Name);
            if (indices[c] < 0)
                throw new TableFormatException(reader.Path, null, schema.Columns[c].Name, "a column of this name (the schema names it, the table lacks it)");
        }
        return indices;
    }

    static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
