using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace SynthData.Core.Tabular.Io;

/// <summary>
/// Reads a flat Parquet file row group by row group (only one row group is held at a time) and
/// turns values into invariant-culture text: doubles round-trip ("R"), DateTime ISO 8601 ("o"),
/// booleans "true"/"false", nulls null. Parquet.Net's failures are wrapped, naming the file. The footer's row counts
/// and sizes are checked against the <see cref="TableLimits"/> before any page is decompressed: a file of a few hundred
/// bytes can declare millions of rows of constant values.
/// </summary>
public sealed class ParquetTableReader : ITableReader
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc/>
    public string Path { get; }
    /// <summary>The schema's flat field names, in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }
    readonly DataField[] _fields;
    readonly TableLimits _limits;

    internal ParquetTableReader(string path, TableLimits limits)
    {
        _limits = limits;
        Path = path;
        _fields = Guard(() =>
        {
            using var stream = File.OpenRead(path);
            return FlatFields(ParquetReader.ReadSchemaAsync(stream).GetAwaiter().GetResult());
        }, "a valid Parquet file");
        ColumnNames = _fields.Select(f => f.Name).ToArray();
        TableLimitGuard.CheckColumns(path, limits, _fields.Length);
    }

    /// <inheritdoc/>
    public IEnumerable<RawRow> ReadRows()
    {
        using var stream = File.OpenRead(Path);
        var reader = Guard(() => ParquetReader.CreateAsync(stream, leaveStreamOpen: true).GetAwaiter().GetResult(), "a valid Parquet file");
        try
        {
            var guard = new TableLimitGuard(Path, _limits, _fields.Length);
            var groups = reader.Metadata?.RowGroups ?? [];
            guard.CheckDeclaredRows(groups.Sum(g => Math.Max(g.NumRows, 0)), "its row groups");
            int lengthToMeasure = _limits.MaxValueBytes / 3; // a UTF-16 char is at most 3 UTF-8 bytes: shorter text cannot exceed
            long row = 0;
            for (int group = 0; group < reader.RowGroupCount; group++)
            {
                CheckRowGroup(groups[group], group);
                var columns = Guard(() => ReadRowGroup(reader, group).GetAwaiter().GetResult(),
                    $"a valid Parquet file (row group {group + 1} cannot be read)");
                int rows = columns.Length == 0 ? 0 : columns[0].Length;
                for (int r = 0; r < rows; r++)
                {
                    var cells = new string?[columns.Length];
                    guard.CountRow();
                    for (int c = 0; c < columns.Length; c++)
                    {
                        cells[c] = columns[c][r];
                        if (cells[c] is { } text && text.Length > lengthToMeasure)
                            guard.CheckValueBytes(System.Text.Encoding.UTF8.GetByteCount(text), row + 1, _fields[c].Name);
                    }
                    yield return new RawRow(++row, cells);
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A row group is decoded whole, so its declared size is checked before it is.</summary>
    void CheckRowGroup(Parquet.Meta.RowGroup group, int index)
    {
        long cells = group.NumRows > long.MaxValue / Math.Max(_fields.Length, 1) ? long.MaxValue : group.NumRows * _fields.Length;
        if (cells > _limits.MaxRowGroupCells)
            throw new TableLimitExceededException(Path, nameof(TableLimits.MaxRowGroupCells), _limits.MaxRowGroupCells,
                $"row group {index + 1} declares {cells:N0} cells ({group.NumRows:N0} rows of {_fields.Length} columns); write the file with smaller row groups");
        // Writers fill either the group's total or each column chunk's: take the larger.
        long bytes = Math.Max(group.TotalByteSize, group.Columns.Sum(c => Math.Max(c.MetaData?.TotalUncompressedSize ?? 0, 0)));
        if (bytes > _limits.MaxRowGroupBytes)
            throw new TableLimitExceededException(Path, nameof(TableLimits.MaxRowGroupBytes), _limits.MaxRowGroupBytes,
                $"row group {index + 1} declares {bytes:N0} uncompressed bytes; write the file with smaller row groups");
    }

    DataField[] FlatFields(ParquetSchema schema)
    {
        var fields = new List<DataField>();
        foreach (var field in schema.Fields)
        {
            if (field is not DataField { IsArray: false } data)
                throw new TableFormatException(Path, null, field.Name, "a flat column (nested and repeated Parquet columns are not supported)");
            fields.Add(data);
        }
        return fields.ToArray();
    }

    async Task<string?[][]> ReadRowGroup(ParquetReader reader, int group)
    {
        var rowGroup = reader.OpenRowGroupReader(group);
        int rows = checked((int)rowGroup.RowCount);
        var columns = new string?[_fields.Length][];
        for (int c = 0; c < _fields.Length; c++) columns[c] = await ReadColumn(rowGroup, _fields[c], rows);
        return columns;
    }

    async Task<string?[]> ReadColumn(ParquetRowGroupReader rowGroup, DataField field, int rows)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var text = new string?[rows];
            await rowGroup.ReadAsync(field, text.AsMemory());
            return text;
        }
        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            var bytes = new byte[]?[rows];
            await rowGroup.ReadAsync(field, bytes.AsMemory());
            return bytes.Select(b => b is null ? null : Convert.ToBase64String(b)).ToArray();
        }
        if (type == typeof(double)) return await Read<double>(rowGroup, field, rows, v => v.ToString("R", Invariant));
        if (type == typeof(float)) return await Read<float>(rowGroup, field, rows, v => v.ToString("R", Invariant));
        if (type == typeof(decimal)) return await Read<decimal>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(long)) return await Read<long>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(int)) return await Read<int>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(short)) return await Read<short>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(sbyte)) return await Read<sbyte>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(byte)) return await Read<byte>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(ushort)) return await Read<ushort>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(uint)) return await Read<uint>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(ulong)) return await Read<ulong>(rowGroup, field, rows, v => v.ToString(Invariant));
        if (type == typeof(bool)) return await Read<bool>(rowGroup, field, rows, v => v ? "true" : "false");
        if (type == typeof(DateTime)) return await Read<DateTime>(rowGroup, field, rows, v => v.ToString("o", Invariant));
        if (type == typeof(DateTimeOffset)) return await Read<DateTimeOffset>(rowGroup, field, rows, v => v.ToString("o", Invariant));
        if (type == typeof(DateOnly)) return await Read<DateOnly>(rowGroup, field, rows, v => v.ToString("yyyy-MM-dd", Invariant));
        if (type == typeof(TimeOnly)) return await Read<TimeOnly>(rowGroup, field, rows, v => v.ToString("HH:mm:ss.FFFFFFF", Invariant));
        if (type == typeof(TimeSpan)) return await Read<TimeSpan>(rowGroup, field, rows, v => v.ToString("c", Invariant));
        if (type == typeof(Guid)) return await Read<Guid>(rowGroup, field, rows, v => v.ToString("D"));
        throw new TableFormatException(Path, null, field.Name, $"a supported Parquet column type (not {type.Name})");
    }

    static async Task<string?[]> Read<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, Func<T, string> format)
        where T : struct
    {
        var text = new string?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await rowGroup.ReadAsync<T>(field, values.AsMemory());
            for (int i = 0; i < rows; i++) text[i] = values[i] is { } v ? format(v) : null;
        }
        else
        {
            var values = new T[rows];
            await rowGroup.ReadAsync<T>(field, values.AsMemory());
            for (int i = 0; i < rows; i++) text[i] = format(values[i]);
        }
        return text;
    }

    /// <summary>Turns any failure of Parquet.Net into a TableFormatException naming the file.</summary>
    T Guard<T>(Func<T> action, string expected)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not (TableFormatException or OperationCanceledException or OutOfMemoryException))
        {
            // Parquet.Net describes structure (magic bytes, offsets, thrift fields), not cell values.
            throw new TableFormatException(Path, null, null, expected, e);
        }
    }

    /// <summary>Nothing to free: each pass opens and closes the file itself.</summary>
    public void Dispose() { }
}
