using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Inference;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tests.Tabular;

/// <summary>
/// Every bad input gives a TableFormatException naming file, row and column, and never the
/// offending cell value (each test plants a distinctive secret and checks it is absent).
/// </summary>
public class TableFormatErrorTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    static TableFormatException AssertSafe(Action action, string file, long? row, string? column, string? secret)
    {
        var error = Assert.Throws<TableFormatException>(action);
        Assert.Equal(file, error.File);
        Assert.Equal(row, error.Row);
        Assert.Equal(column, error.Column);
        Assert.StartsWith(file, error.Message);
        if (row is not null) Assert.Contains($"row {row}", error.Message);
        if (column is not null) Assert.Contains($"column '{column}'", error.Message);
        if (secret is not null) Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        return error;
    }

    static TableSchema People => new([
        new ColumnSchema { Name = "age", Kind = ColumnKind.Integer },
        new ColumnSchema { Name = "income", Kind = ColumnKind.Continuous },
        new ColumnSchema { Name = "born", Kind = ColumnKind.DateTime },
        new ColumnSchema { Name = "member", Kind = ColumnKind.Boolean, Categories = ["no", "yes"] },
        new ColumnSchema { Name = "month", Kind = ColumnKind.Categorical, Categories = ["jan", "feb"] },
    ]);

    void Load(string path, TableSchema? schema = null)
    {
        using var reader = TableReaders.Open(path);
        TableLoader.Load(reader, schema ?? People);
    }

    const string Good = "age,income,born,member,month\n41,1.5,1980-01-01,yes,jan\n";

    [Theory]
    [InlineData("4SECRET1,1.5,1980-01-01,yes,jan", "age", "an integer")]
    [InlineData("41.5,1.5,1980-01-01,yes,jan", "age", "an integer")]
    [InlineData("41,SECRET,1980-01-01,yes,jan", "income", "a number")]
    [InlineData("41,Infinity,1980-01-01,yes,jan", "income", "a number")]
    [InlineData("41,1.5,1980-13-45SECRET,yes,jan", "born", "a date-time (ISO 8601)")]
    [InlineData("41,1.5,1980-01-01,SECRET,jan", "member", "a boolean ('no' or 'yes')")]
    [InlineData("41,1.5,1980-01-01,yes,SECRET", "month", "one of the 2 declared categories")]
    public void BadCellNamesRowAndColumnButNotTheValue(string badRow, string column, string expected)
    {
        var path = _files.Write("people.csv", Good + badRow + "\n");
        var secret = badRow.Split(',')[Array.IndexOf(new[] { "age", "income", "born", "member", "month" }, column)];
        var error = AssertSafe(() => Load(path), "people.csv", 3, column, secret);
        Assert.Equal(expected, error.Expected);
    }

    [Fact]
    public void ExampleMessageShape()
    {
        var path = _files.Write("bank.csv", "age\n" + string.Concat(Enumerable.Repeat("30\n", 15)) + "old\n");
        var error = Assert.Throws<TableFormatException>(() => Load(path, new TableSchema([new ColumnSchema { Name = "age", Kind = ColumnKind.Integer }])));
        Assert.Equal("bank.csv, row 17, column 'age': expected an integer", error.Message);
    }

    [Fact]
    public void RaggedRowNamesFieldCounts()
    {
        var path = _files.Write("ragged.csv", Good + "41,1.5,SECRET\n");
        var error = AssertSafe(() => Load(path), "ragged.csv", 3, null, "SECRET");
        Assert.Equal("5 fields, found 3", error.Expected);
    }

    [Fact]
    public void InvalidUtf8NamesRowAndColumn()
    {
        var bytes = "a,b\n1,ok\n2,SECRET"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\n"u8.ToArray()).ToArray();
        var path = _files.WriteBytes("latin.csv", bytes);
        var error = AssertSafe(() => { using var r = TableReaders.Open(path); r.ReadRows().ToList(); }, "latin.csv", 3, "b", "SECRET");
        Assert.Equal("valid UTF-8 text", error.Expected);
    }

    [Fact]
    public void MalformedQuotingIsReportedWithoutTheRecord()
    {
        var path = _files.Write("quotes.csv", "a,b\n1,\"SECRET\"tail\n");
        AssertSafe(() => { using var r = TableReaders.Open(path); r.ReadRows().ToList(); }, "quotes.csv", 2, null, "SECRET");
    }

    [Fact]
    public void EmptyFileNeedsAHeader()
    {
        var path = _files.Write("empty.csv", "");
        var error = AssertSafe(() => TableReaders.Open(path), "empty.csv", null, null, null);
        Assert.Contains("header", error.Expected);
    }

    [Fact]
    public void HeaderOnlyHasNoDataToLoadOrInfer()
    {
        var path = _files.Write("header.csv", "age,income,born,member,month\r\n");
        AssertSafe(() => Load(path), "header.csv", null, null, null);
        using var reader = TableReaders.Open(path);
        AssertSafe(() => SchemaInference.Infer(reader), "header.csv", null, null, null);
    }

    [Fact]
    public void DuplicateAndEmptyHeaderNamesAreRejected()
    {
        var duplicate = _files.Write("dup.csv", "a,b,a\n1,2,3\n");
        AssertSafe(() => TableReaders.Open(duplicate), "dup.csv", 1, "a", null);
        var empty = _files.Write("blank.csv", "a,,c\n1,2,3\n");
        var error = AssertSafe(() => TableReaders.Open(empty), "blank.csv", 1, null, null);
        Assert.Contains("column 2", error.Expected);
    }

    [Fact]
    public void SchemaColumnMissingFromTableIsNamed()
    {
        var path = _files.Write("people.csv", Good);
        var schema = new TableSchema([.. People.Columns, new ColumnSchema { Name = "salary", Kind = ColumnKind.Continuous }]);
        AssertSafe(() => Load(path, schema), "people.csv", null, "salary", null);
    }

    [Fact]
    public async Task CorruptAndTruncatedParquetFilesAreWrapped()
    {
        var garbage = _files.WriteBytes("garbage.parquet", "PAR1 this is not parquet at all PAR1"u8.ToArray());
        var error = AssertSafe(() => TableReaders.Open(garbage), "garbage.parquet", null, null, null);
        Assert.NotNull(error.InnerException);

        var good = await ParquetRoundTripTests.WriteSample(_files.PathOf("good.parquet"), rows: 100, rowGroups: 1);
        var bytes = File.ReadAllBytes(good);
        var truncated = _files.WriteBytes("truncated.parquet", bytes[..(bytes.Length / 2)]);
        AssertSafe(() => { using var r = TableReaders.Open(truncated); r.ReadRows().ToList(); }, "truncated.parquet", null, null, null);
    }
}
