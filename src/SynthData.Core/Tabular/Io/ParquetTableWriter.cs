using Parquet;
using Parquet.Schema;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tabular.Io;

/// <summary>
/// Writes a table to Parquet one row group per <see cref="WriteRowGroupAsync"/> call, so memory is
/// bounded by one chunk: a caller producing 10 million rows in chunks of 50k never holds more than
/// a chunk. Column types: continuous double, integer int64, datetime timestamp (UTC, microseconds),
/// boolean bool (string when the declared labels are not a true/false pair), everything else
/// string; all nullable (NaN and null become Parquet nulls). Footer key-value metadata may be set
/// in <see cref="Metadata"/> until <see cref="CompleteAsync"/>.
/// </summary>
/// <remarks>
/// Parquet.Net 6.1 writes strictly forward (it neither seeks nor reads Position), so the output may
/// be a non-seekable stream, e.g. one forwarding each written buffer to a gRPC response stream;
/// the writer test covers this. Bytes are written as each row group completes.
/// </remarks>
public sealed class ParquetTableWriter : IAsyncDisposable
{
    /// <summary>The columns every written chunk must have.</summary>
    public TableSchema Schema { get; }
    /// <summary>Footer key-value metadata, written by <see cref="CompleteAsync"/>.</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);
    /// <summary>Rows written so far.</summary>
    public long RowsWritten { get; private set; }
    /// <summary>Row groups written so far (one per chunk).</summary>
    public int RowGroupsWritten { get; private set; }

    readonly ParquetWriter _writer;
    readonly DataField[] _fields;
    readonly Stream _output;
    readonly bool _ownsOutput;
    bool _completed;

    ParquetTableWriter(TableSchema schema, ParquetWriter writer, DataField[] fields, Stream output, bool ownsOutput)
    {
        Schema = schema;
        _writer = writer;
        _fields = fields;
        _output = output;
        _ownsOutput = ownsOutput;
    }

    /// <summary>A writer onto <paramref name="output"/>, which may be non-seekable; it is closed on completion unless <paramref name="leaveOpen"/>.</summary>
    public static async Task<ParquetTableWriter> CreateAsync(TableSchema schema, Stream output, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        var fields = schema.Columns.Select(FieldFor).ToArray();
        var options = new ParquetOptions();
        // Label columns hold a few distinct strings: dictionary pages make them several times smaller
        // (Parquet.Net 6 writes strings plain unless a column is hinted).
        foreach (var column in schema.Columns)
            if (column.Kind is ColumnKind.Categorical || column.Kind is ColumnKind.Boolean && !WritesAsBool(column))
                options.ColumnEncodingHints[column.Name] = EncodingHint.Dictionary;
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, options, cancellationToken: cancellationToken);
        return new ParquetTableWriter(schema, writer, fields, output, ownsOutput: !leaveOpen);
    }

    /// <summary>A writer onto a new file at <paramref name="path"/> (replacing any file there).</summary>
    public static async Task<ParquetTableWriter> CreateAsync(TableSchema schema, string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        try
        {
            return await CreateAsync(schema, stream, leaveOpen: false, cancellationToken);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    static DataField FieldFor(ColumnSchema column) => column.Kind switch
    {
        ColumnKind.Continuous => new DataField<double?>(column.Name),
        ColumnKind.Integer => new DataField<long?>(column.Name),
        ColumnKind.DateTime => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true),
        ColumnKind.Boolean when WritesAsBool(column) => new DataField<bool?>(column.Name),
        _ => new DataField<string>(column.Name, true),
    };

    static bool WritesAsBool(ColumnSchema column) => column.Categories is null || BooleanLabels.TruthOf(column.Categories) is not null;

    /// <summary>Writes the chunk as one row group (an empty chunk writes nothing).</summary>
    public async Task WriteRowGroupAsync(TabularData chunk, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        CheckSameColumns(chunk.Schema);
        if (chunk.RowCount == 0) return;
        using (var rowGroup = _writer.CreateRowGroup())
        {
            for (int c = 0; c < _fields.Length; c++)
            {
                var column = Schema.Columns[c];
                var field = _fields[c];
                var rows = chunk.RowCount;
                switch (column.Kind)
                {
                    case ColumnKind.Continuous:
                        await rowGroup.WriteAsync<double>(field, Converted(chunk.Numeric(c), rows, ToDouble), cancellationToken: cancellationToken);
                        break;
                    case ColumnKind.Integer:
                        await rowGroup.WriteAsync<long>(field, Converted(chunk.Numeric(c), rows, v => ToLong(v, column)), cancellationToken: cancellationToken);
                        break;
                    case ColumnKind.DateTime:
                        await rowGroup.WriteAsync<DateTime>(field, Converted(chunk.Numeric(c), rows, ToDateTime), cancellationToken: cancellationToken);
                        break;
                    case ColumnKind.Boolean when field.ClrType == typeof(bool):
                    {
                        // Decoded cells share a few string instances: parse each instance once.
                        var truths = new Dictionary<string, bool?>(ReferenceEqualityComparer.Instance);
                        await rowGroup.WriteAsync<bool>(field, Converted(chunk.Labels(c), rows, v =>
                        {
                            if (v is null) return null;
                            if (!truths.TryGetValue(v, out var truth)) truths[v] = truth = ToBool(v, column);
                            return truth;
                        }), cancellationToken: cancellationToken);
                        break;
                    }
                    default:
                        await rowGroup.WriteAsync(field, chunk.Labels(c));
                        break;
                }
            }
            rowGroup.CompleteValidate();
        }
        RowsWritten += chunk.RowCount;
        RowGroupsWritten++;
    }

    /// <summary>Writes the footer (with <see cref="Metadata"/>) and closes the output unless left open.</summary>
    public async Task CompleteAsync()
    {
        if (_completed) return;
        _completed = true;
        _writer.CustomMetadata = new Dictionary<string, string>(Metadata);
        await _writer.DisposeAsync();
        await _output.FlushAsync();
        if (_ownsOutput) await _output.DisposeAsync();
    }

    /// <summary>Completes the file (footer included) if not done yet, and closes an owned output.</summary>
    public ValueTask DisposeAsync() => new(CompleteAsync());

    void CheckSameColumns(TableSchema chunkSchema)
    {
        bool same = chunkSchema.Columns.Count == Schema.Columns.Count
            && chunkSchema.Columns.Zip(Schema.Columns).All(p => p.First.Name == p.Second.Name && p.First.Kind == p.Second.Kind);
        if (!same) throw new ArgumentException("The chunk's columns (names and kinds) differ from the writer's schema.", nameof(chunkSchema));
    }

    /// <summary>
    /// The cells converted into a buffer reused by every row group (one per value type), so a long run
    /// does not allocate a fresh large array per column and chunk.
    /// </summary>
    ReadOnlyMemory<TOut?> Converted<TIn, TOut>(TIn[] cells, int rows, Func<TIn, TOut?> convert) where TOut : struct
    {
        var buffer = Buffer<TOut>(rows);
        for (int r = 0; r < rows; r++) buffer[r] = convert(cells[r]);
        return buffer.AsMemory(0, rows);
    }

    readonly Dictionary<Type, Array> _buffers = [];

    TOut?[] Buffer<TOut>(int rows) where TOut : struct
    {
        if (_buffers.TryGetValue(typeof(TOut), out var existing) && existing.Length >= rows) return (TOut?[])existing;
        var buffer = new TOut?[rows];
        _buffers[typeof(TOut)] = buffer;
        return buffer;
    }

    static double? ToDouble(double value) => double.IsNaN(value) ? null : value;

    static DateTime? ToDateTime(double value) => double.IsNaN(value) ? null : CellText.FromUnixSeconds(value);

    /// <summary>Rounds to the nearest whole number (decoders may hand over 41.9999...).</summary>
    static long? ToLong(double value, ColumnSchema column)
    {
        if (double.IsNaN(value)) return null;
        double rounded = Math.Round(value);
        if (!(rounded >= long.MinValue && rounded < 9.2233720368547758E18))
            throw new ArgumentException($"Column '{column.Name}' holds a value outside the int64 range.");
        return (long)rounded;
    }

    static bool? ToBool(string? label, ColumnSchema column)
    {
        if (label is null) return null;
        return BooleanLabels.TryRead(label, out _, out bool truth)
            ? truth
            : throw new ArgumentException($"Column '{column.Name}' holds a label that is not a boolean label.");
    }
}
