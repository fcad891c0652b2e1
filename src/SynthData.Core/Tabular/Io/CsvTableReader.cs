using System.Text.Unicode;
using CsvHelper;

namespace SynthData.Core.Tabular.Io;

/// <summary>
/// Reads delimited text (RFC 4180 quoting, LF or CRLF) through CsvHelper's UTF-8 reader. The text
/// must be strict UTF-8 (a UTF-8 BOM is allowed): every field's bytes are validated, so a bad byte
/// is reported with its row and column. CsvHelper's exceptions are replaced by
/// <see cref="TableFormatException"/>s that name only file, row and column.
/// </summary>
public sealed class CsvTableReader : ITableReader
{
    /// <inheritdoc/>
    public string Path { get; }
    /// <summary>The field separator, as given or as detected by CsvHelper from the first lines (among , ; tab |).</summary>
    public char Delimiter { get; }
    /// <summary>The header's names, or column_1, column_2, ... when the file has none.</summary>
    public IReadOnlyList<string> ColumnNames { get; }
    readonly bool _hasHeader;
    readonly TableLimits _limits;

    internal CsvTableReader(string path, TableReadOptions options)
    {
        Path = path;
        _hasHeader = options.HasHeader;
        _limits = options.Limits;
        RejectUtf16(path);
        (Delimiter, ColumnNames) = ReadFirstRecord(options.Delimiter);
    }

    /// <inheritdoc/>
    public IEnumerable<RawRow> ReadRows()
    {
        using var reader = Open(Delimiter);
        int width = ColumnNames.Count;
        var guard = new TableLimitGuard(Path, _limits, width);
        bool skipHeader = _hasHeader;
        while (Advance(reader))
        {
            if (skipHeader) { skipHeader = false; continue; }
            if (reader.FieldCount != width)
                throw new TableFormatException(Path, reader.RowNumber, null, $"{width} fields, found {reader.FieldCount}");
            guard.CountRow();
            yield return new RawRow(reader.RowNumber, Fields(reader, guard));
        }
    }

    (char Delimiter, IReadOnlyList<string> Names) ReadFirstRecord(char? delimiter)
    {
        using var reader = Open(delimiter);
        if (!Advance(reader)) throw new TableFormatException(Path, null, null, "a header row (the file is empty)");
        char detected = reader.Separator;
        TableLimitGuard.CheckColumns(Path, _limits, reader.FieldCount);
        if (!_hasHeader) return (detected, Enumerable.Range(1, reader.FieldCount).Select(i => $"column_{i}").ToArray());

        var names = Fields(reader);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            // Header names are structure, not cell values, so naming them in messages is fine.
            if (string.IsNullOrWhiteSpace(names[i]))
                throw new TableFormatException(Path, 1, null, $"a non-empty name for column {i + 1} in the header");
            if (!seen.Add(names[i]!))
                throw new TableFormatException(Path, 1, names[i], "unique column names in the header (this name appears twice)");
        }
        return (detected, names!);
    }

    CsvReader Open(char? delimiter)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            // The header is read as record 1 here, so RowNumber counts it as a user would.
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            SkipEmptyLines = true,
            IncludeValuesInExceptions = false,
            PoolStrings = true,
        };
        return CsvReader.FromFile(Path, options);
    }

    bool Advance(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException e)
        {
            // Not kept as inner exception: CsvHelper's messages may quote the raw record.
            throw new TableFormatException(Path, e.RecordNumber > 0 ? e.RecordNumber : null, null, "well-formed CSV quoting");
        }
    }

    string?[] Fields(CsvReader reader, TableLimitGuard? guard = null)
    {
        var cells = new string?[reader.FieldCount];
        for (int i = 0; i < cells.Length; i++)
        {
            guard?.CheckValueBytes(reader.GetSpan(i).Length, reader.RowNumber, ColumnNamesOrEmpty[i]);
            if (!Utf8.IsValid(reader.GetSpan(i)))
            {
                string? column = i < ColumnNamesOrEmpty.Count ? ColumnNamesOrEmpty[i] : null;
                throw new TableFormatException(Path, reader.RowNumber, column, "valid UTF-8 text");
            }
            cells[i] = reader.GetString(i);
        }
        return cells;
    }

    IReadOnlyList<string> ColumnNamesOrEmpty => ColumnNames ?? [];

    /// <summary>CsvHelper would transcode UTF-16/32 with a BOM; this reader promises UTF-8 only.</summary>
    void RejectUtf16(string path)
    {
        Span<byte> head = stackalloc byte[2];
        using var stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        if (read == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            throw new TableFormatException(path, null, null, "UTF-8 text (the file starts with a UTF-16 byte order mark)");
    }

    /// <summary>Nothing to free: each pass opens and closes the file itself.</summary>
    public void Dispose() { }
}
