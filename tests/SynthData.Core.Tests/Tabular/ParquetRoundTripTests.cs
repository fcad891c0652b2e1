using Parquet;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tests.Tabular;

public class ParquetRoundTripTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    internal static readonly TableSchema Schema = new([
        new ColumnSchema { Name = "id", Kind = ColumnKind.Identifier },
        new ColumnSchema { Name = "email", Kind = ColumnKind.Pii, Pii = PiiKind.Email, Nullable = true },
        new ColumnSchema { Name = "income", Kind = ColumnKind.Continuous, Nullable = true },
        new ColumnSchema { Name = "age", Kind = ColumnKind.Integer, Nullable = true },
        new ColumnSchema { Name = "seen", Kind = ColumnKind.DateTime, Nullable = true },
        new ColumnSchema { Name = "member", Kind = ColumnKind.Boolean, Categories = ["no", "yes"], Nullable = true },
        new ColumnSchema { Name = "job", Kind = ColumnKind.Categorical, Nullable = true },
    ]);

    /// <summary>Rows with awkward values: doubles that need 17 digits, nulls in every column, pre-1970 instants.</summary>
    internal static TabularData Chunk(int start, int rows)
    {
        var r = Enumerable.Range(start, rows).ToArray();
        return new TabularData(Schema, [
            r.Select(i => (string?)$"C{i:000000}").ToArray(),
            r.Select(i => i % 5 == 0 ? null : $"customer-{i}@example.com").ToArray(),
            r.Select(i => i % 7 == 0 ? double.NaN : 0.1 * i + 1.0 / 3).ToArray(),
            r.Select(i => i % 11 == 0 ? double.NaN : (double)(i - 50)).ToArray(),
            r.Select(i => i % 13 == 0 ? double.NaN : -86_400.5 + 3_600.25 * i).ToArray(),
            r.Select(i => i % 3 == 0 ? null : i % 2 == 0 ? "yes" : "no").ToArray(),
            r.Select(i => i % 4 == 0 ? null : $"job {i % 6}, \"quoted\"").ToArray(),
        ]);
    }

    internal static async Task<string> WriteSample(string path, int rows, int rowGroups)
    {
        await using var writer = await ParquetTableWriter.CreateAsync(Schema, path);
        for (int g = 0; g < rowGroups; g++) await writer.WriteRowGroupAsync(Chunk(g * rows, rows));
        return path;
    }

    [Fact]
    public async Task WrittenValuesAndFooterMetadataReadBack()
    {
        var path = _files.PathOf("out.parquet");
        var written = Chunk(0, 200);
        await using (var writer = await ParquetTableWriter.CreateAsync(Schema, path))
        {
            await writer.WriteRowGroupAsync(written);
            // Metadata is settable after the rows, up to closing.
            writer.Metadata["synthdata.epsilon"] = "1.5";
            writer.Metadata["synthdata.run"] = "r-42";
        }

        await using (var parquet = await ParquetReader.CreateAsync(path))
        {
            Assert.Equal("1.5", parquet.CustomMetadata["synthdata.epsilon"]);
            Assert.Equal("r-42", parquet.CustomMetadata["synthdata.run"]);
            var types = parquet.Schema.DataFields.ToDictionary(f => f.Name, f => f.ClrType);
            Assert.Equal(typeof(double), types["income"]);
            Assert.Equal(typeof(long), types["age"]);
            Assert.Equal(typeof(DateTime), types["seen"]);
            Assert.Equal(typeof(bool), types["member"]);
            Assert.All(parquet.Schema.DataFields, f => Assert.True(f.IsNullable));
        }

        using var reader = TableReaders.Open(path);
        var read = TableLoader.Load(reader, Schema);
        AssertSameTable(written, read);
    }

    [Fact]
    public async Task ManyRowGroupsAreWrittenOneChunkAtATime()
    {
        var path = await WriteSample(_files.PathOf("groups.parquet"), rows: 250, rowGroups: 24);
        await using (var parquet = await ParquetReader.CreateAsync(path))
        {
            Assert.Equal(24, parquet.RowGroupCount);
            Assert.All(Enumerable.Range(0, 24), g => Assert.Equal(250, parquet.OpenRowGroupReader(g).RowCount));
        }
        using var reader = TableReaders.Open(path);
        var rows = reader.ReadRows().ToList();
        Assert.Equal(6000, rows.Count);
        Assert.Equal(Enumerable.Range(1, 6000).Select(i => (long)i), rows.Select(r => r.RowNumber));
        AssertSameTable(Chunk(0, 6000), TableLoader.Load(reader, Schema));
    }

    [Fact]
    public async Task WritesToANonSeekableStream()
    {
        var sink = new ForwardOnlyStream();
        await using (var writer = await ParquetTableWriter.CreateAsync(Schema, sink, leaveOpen: true))
        {
            await writer.WriteRowGroupAsync(Chunk(0, 100));
            await writer.WriteRowGroupAsync(Chunk(100, 100));
            writer.Metadata["k"] = "v";
        }
        var path = _files.WriteBytes("streamed.parquet", sink.Received.ToArray());
        using var reader = TableReaders.Open(path);
        AssertSameTable(Chunk(0, 200), TableLoader.Load(reader, Schema));
    }

    [Fact]
    public async Task ChunksFromTheLoaderFeedTheWriter()
    {
        var csv = _files.Write("in.csv", "age,job\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"{i},j{i % 3}\n")));
        var schema = new TableSchema([
            new ColumnSchema { Name = "age", Kind = ColumnKind.Integer },
            new ColumnSchema { Name = "job", Kind = ColumnKind.Categorical },
        ]);
        var path = _files.PathOf("chunked.parquet");
        using (var reader = TableReaders.Open(csv))
        await using (var writer = await ParquetTableWriter.CreateAsync(schema, path))
            foreach (var chunk in TableLoader.Chunks(reader, schema, chunkRows: 10)) await writer.WriteRowGroupAsync(chunk);

        await using var parquet = await ParquetReader.CreateAsync(path);
        Assert.Equal([10L, 10L, 5L], Enumerable.Range(0, parquet.RowGroupCount).Select(g => parquet.OpenRowGroupReader(g).RowCount));
    }

    static void AssertSameTable(TabularData expected, TabularData actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int c = 0; c < expected.Schema.Columns.Count; c++)
        {
            var column = expected.Schema.Columns[c];
            if (!column.IsNumeric) { Assert.Equal(expected.Labels(c), actual.Labels(c)); continue; }
            var (e, a) = (expected.Numeric(c), actual.Numeric(c));
            for (int i = 0; i < e.Length; i++)
            {
                // Timestamps are stored in microseconds; the test instants are whole milliseconds, so exact.
                Assert.True(e[i].Equals(a[i]), $"column {column.Name}, row {i}: {e[i]} != {a[i]}");
            }
        }
    }

    /// <summary>Accepts writes only, like a gRPC response stream: no seeking, no Position, no Length.</summary>
    sealed class ForwardOnlyStream : Stream
    {
        public MemoryStream Received { get; } = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Received.Write(buffer, offset, count);
    }
}
