using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tests.Tabular;

public class CsvReadingTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    static TableSchema Schema(params ColumnSchema[] columns) => new(columns);

    [Fact]
    public void ReadThenLoadGivesTypedColumns()
    {
        var path = _files.Write("people.csv",
            "name,age,score,joined,member,team\r\n" +
            "a,34,1.5,2020-01-02,yes,red\r\n" +
            "b,,NaN,2021-03-04T05:06:07Z,No,NA\r\n" +
            "c,-7,1e3,2022-12-31,YES,blue\r\n");
        using var reader = TableReaders.Open(path);
        var schema = Schema(
            new ColumnSchema { Name = "age", Kind = ColumnKind.Integer, Nullable = true },
            new ColumnSchema { Name = "score", Kind = ColumnKind.Continuous, MissingTokens = ["NaN"] },
            new ColumnSchema { Name = "joined", Kind = ColumnKind.DateTime },
            new ColumnSchema { Name = "member", Kind = ColumnKind.Boolean, Categories = ["no", "yes"] },
            new ColumnSchema { Name = "team", Kind = ColumnKind.Categorical, MissingTokens = ["NA"] });

        var data = TableLoader.Load(reader, schema);

        Assert.Equal(3, data.RowCount);
        Assert.Equal(34, data.Numeric("age")[0]);
        Assert.True(double.IsNaN(data.Numeric("age")[1]));
        Assert.Equal(-7, data.Numeric("age")[2]);
        Assert.Equal(1.5, data.Numeric("score")[0]);
        Assert.True(double.IsNaN(data.Numeric("score")[1]));
        Assert.Equal(1000, data.Numeric("score")[2]);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), data.Numeric("joined")[0]);
        Assert.Equal(new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero).ToUnixTimeSeconds(), data.Numeric("joined")[1]);
        Assert.Equal(new string?[] { "yes", "no", "yes" }, data.Labels("member"));
        Assert.Equal(new string?[] { "red", null, "blue" }, data.Labels("team"));
    }

    [Fact]
    public void BooleansWithoutDeclaredLabelsBecomeTrueFalse()
    {
        var path = _files.Write("flags.csv", "f\n1\n0\nT\n");
        using var reader = TableReaders.Open(path);
        var data = TableLoader.Load(reader, Schema(new ColumnSchema { Name = "f", Kind = ColumnKind.Boolean }));
        Assert.Equal(new string?[] { "true", "false", "true" }, data.Labels("f"));
    }

    [Theory]
    [InlineData(';')]
    [InlineData(',')]
    [InlineData('\t')]
    [InlineData('|')]
    public void DelimiterIsSniffed(char delimiter)
    {
        // Shaped like bank-full.csv: quoted strings, unquoted numbers, CRLF; a comma inside a
        // quoted field must not fool the sniffer when ';' is the delimiter.
        string d = delimiter.ToString();
        var path = _files.Write("sniff.csv", string.Join("\r\n",
            $"\"age\"{d}\"job\"{d}\"balance\"",
            $"58{d}\"management, senior\"{d}2143",
            $"44{d}\"technician\"{d}29",
            $"33{d}\"entrepreneur\"{d}2") + "\r\n");
        using var reader = (CsvTableReader)TableReaders.Open(path);
        Assert.Equal(delimiter, reader.Delimiter);
        Assert.Equal(["age", "job", "balance"], reader.ColumnNames);
        Assert.Equal(3, reader.ReadRows().Count());
    }

    [Fact]
    public void BankFullHeadIsReadAsSemicolonSeparated()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "SynthData.Core.Tests", "Data", "bank-full-head.csv");
        using var reader = (CsvTableReader)TableReaders.Open(path);
        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(17, reader.ColumnNames.Count);
        Assert.Equal("management", reader.ReadRows().First().Cells[1]);
    }

    [Fact]
    public void QuotedFieldsKeepDelimitersQuotesAndNewlines()
    {
        var path = _files.Write("quoted.csv", "id,text,n\r\n1,\"a, b\",2\r\n2,\"line one\r\nline \"\"two\"\"\",3\r\n3,plain,4\r\n");
        using var reader = TableReaders.Open(path, new TableReadOptions { Delimiter = ',' });
        var rows = reader.ReadRows().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("a, b", rows[0].Cells[1]);
        Assert.Equal("line one\r\nline \"two\"", rows[1].Cells[1]);
        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Utf8ByteOrderMarkIsSkipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("city,n\nZürich,1\n"u8.ToArray()).ToArray();
        using var reader = TableReaders.Open(_files.WriteBytes("bom.csv", bytes));
        Assert.Equal("city", reader.ColumnNames[0]);
        Assert.Equal("Zürich", reader.ReadRows().Single().Cells[0]);
    }

    [Fact]
    public void ReadRowsCanBeEnumeratedTwice()
    {
        using var reader = TableReaders.Open(_files.Write("twice.csv", "a\n1\n2\n"));
        Assert.Equal(2, reader.ReadRows().Count());
        Assert.Equal(2, reader.ReadRows().Count());
    }

    internal static string RepositoryRoot() => Path.GetDirectoryName(Path.GetDirectoryName(TestFiles.Sample("bank-marketing.csv")))!;
}
