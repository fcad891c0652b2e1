using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;
using Xunit;

namespace SynthData.Core.Tests.Tabular;

/// <summary>The keyed content fingerprint identifies the rows, not the file: same multiset of rows, same fingerprint.</summary>
public sealed class DatasetFingerprintTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    static TableSchema SampleSchema()
    {
        using var reader = TableReaders.Open(TestFiles.Sample("bank-marketing.csv"));
        return SchemaResolver.Resolve(reader, SchemaFile.Load(TestFiles.Sample("bank-marketing.schema.json")));
    }

    static TabularData Load(string path, TableSchema schema)
    {
        using var reader = TableReaders.Open(path);
        return TableLoader.Load(reader, schema);
    }

    [Fact]
    public async Task A_table_reordered_or_converted_to_parquet_keeps_its_fingerprint_and_one_row_less_changes_it()
    {
        var schema = SampleSchema();
        string csv = TestFiles.Sample("bank-marketing.csv");
        var lines = File.ReadAllLines(csv);
        var table = Load(csv, schema);
        string original = DatasetFingerprint.Of(table, Key);

        // Rows reversed and then rotated, header kept: another file, the same rows.
        var body = lines.Skip(1).Reverse().ToArray();
        var reordered = _files.Write("reordered.csv", string.Join('\n', body.Skip(7).Concat(body.Take(7)).Prepend(lines[0])) + "\n");
        Assert.NotEqual(File.ReadAllBytes(csv), File.ReadAllBytes(reordered));
        Assert.Equal(original, DatasetFingerprint.Of(Load(reordered, schema), Key));

        string parquet = _files.PathOf("converted.parquet");
        await using (var writer = await ParquetTableWriter.CreateAsync(schema, parquet))
            await writer.WriteRowGroupAsync(table);
        // Parquet stores instants, not text, so the declared text format does not apply when reading it back.
        var parquetSchema = new TableSchema(schema.Columns.Select(c => c with { DateTimeFormat = null }).ToArray());
        Assert.Equal(original, DatasetFingerprint.Of(Load(parquet, parquetSchema), Key));

        // Chunks in any order (as the server streams an upload) give the same digest as the whole table.
        var chunked = new DatasetFingerprint(Key);
        using (var reader = TableReaders.Open(csv))
            foreach (var chunk in TableLoader.Chunks(reader, schema, 1000).Reverse()) chunked.Add(chunk);
        Assert.Equal(original, chunked.Finish());

        var oneLess = _files.Write("one-less.csv", string.Join('\n', lines.Take(lines.Length - 1)) + "\n");
        Assert.NotEqual(original, DatasetFingerprint.Of(Load(oneLess, schema), Key));
        // A duplicated row is a different multiset too.
        var oneMore = _files.Write("one-more.csv", string.Join('\n', lines.Append(lines[1])) + "\n");
        Assert.NotEqual(original, DatasetFingerprint.Of(Load(oneMore, schema), Key));
    }

    [Fact]
    public void Without_the_key_the_fingerprint_cannot_be_reproduced()
    {
        var table = Load(TestFiles.Sample("bank-marketing.csv"), SampleSchema());
        var otherKey = Key.Select(b => (byte)(b ^ 1)).ToArray();
        Assert.NotEqual(DatasetFingerprint.Of(table, Key), DatasetFingerprint.Of(table, otherKey));
        Assert.Throws<ArgumentException>(() => new DatasetFingerprint(new byte[16]));
    }

    [Fact]
    public void The_key_is_made_once_and_readable_by_its_owner_only()
    {
        string home = _files.PathOf("home");
        var key = FingerprintKey.LoadOrCreate(home);
        Assert.Equal(32, key.Length);
        Assert.Equal(key, FingerprintKey.LoadOrCreate(home));
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(home, FingerprintKey.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(home));
    }
}
