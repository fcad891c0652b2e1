using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Core.Tests.Tabular;

public class SchemaFileTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void SampleSchemaResolvesAndLoads()
    {
        var overrides = SchemaFile.Load(TestFiles.Sample("bank-marketing.schema.json"));
        using var reader = TableReaders.Open(TestFiles.Sample("bank-marketing.csv"));
        var schema = SchemaResolver.Resolve(reader, overrides);

        Assert.Equal((18.0, 100.0), (schema["age"].Min!.Value, schema["age"].Max!.Value));
        Assert.Equal(12, schema["month"].Categories!.Count);
        Assert.Null(schema["job"].Categories); // left to DP estimation
        Assert.Null(schema["balance"].Min);
        Assert.Equal(["unknown"], schema["job"].MissingTokens);
        Assert.True(schema["job"].Nullable);
        Assert.False(schema["age"].Nullable);
        Assert.Equal(new DateTimeOffset(2008, 5, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), schema["contact_date"].Min);
        Assert.Equal(Enum.GetValues<ColumnKind>().Order(), schema.Columns.Select(c => c.Kind).Distinct().Order());

        var data = TableLoader.Load(reader, schema);
        Assert.Equal(4000, data.RowCount);
        Assert.Contains(data.Labels("job"), v => v is null);
        Assert.DoesNotContain(data.Labels("poutcome"), v => v == "unknown");
        Assert.All(data.Numeric("duration_min"), v => Assert.InRange(v, 0, 90));
    }

    [Fact]
    public void SaveThenLoadGivesTheSameSchema()
    {
        var schema = new TableSchema([
            new ColumnSchema { Name = "age", Kind = ColumnKind.Integer, Min = 18, Max = 100, MissingTokens = ["?"], Nullable = true },
            new ColumnSchema { Name = "job", Kind = ColumnKind.Categorical, Categories = ["a", "b, c", "é"] },
            new ColumnSchema { Name = "y", Kind = ColumnKind.Boolean, Categories = ["no", "yes"] },
            new ColumnSchema { Name = "when", Kind = ColumnKind.DateTime, Min = 1_200_000_000, Max = 1_300_000_000.5, DateTimeFormat = "dd/MM/yyyy" },
            new ColumnSchema { Name = "mail", Kind = ColumnKind.Pii, Pii = PiiKind.Email },
            new ColumnSchema { Name = "id", Kind = ColumnKind.Identifier },
            new ColumnSchema { Name = "x", Kind = ColumnKind.Continuous, Min = -0.1, Max = 1e300 },
        ]);
        var path = _files.PathOf("round.schema.json");
        SchemaFile.Save(schema, path);

        var bare = new TableSchema(schema.Columns.Select(c => new ColumnSchema { Name = c.Name, Kind = ColumnKind.Categorical }).ToArray());
        var back = SchemaResolver.Merge(bare, SchemaFile.Load(path), "table.csv");

        for (int i = 0; i < schema.Columns.Count; i++)
        {
            var (e, a) = (schema.Columns[i], back.Columns[i]);
            Assert.Equal((e.Name, e.Kind, e.Pii, e.Min, e.Max, e.Nullable, e.DateTimeFormat), (a.Name, a.Kind, a.Pii, a.Min, a.Max, a.Nullable, a.DateTimeFormat));
            Assert.Equal(e.Categories, a.Categories);
            Assert.Equal(e.MissingTokens, a.MissingTokens);
        }
    }

    static TableFormatException ParseError(string json) =>
        Assert.Throws<TableFormatException>(() => SchemaFile.Parse(json, "my.schema.json"));

    [Fact]
    public void UnknownKindNamesTheColumnAndField()
    {
        var error = ParseError("""{ "columns": { "age": { "kind": "number" } } }""");
        Assert.Equal("age", error.Column);
        Assert.Contains("'kind'", error.Expected);
        Assert.StartsWith("my.schema.json, column 'age': expected field 'kind' to be one of continuous", error.Message);
    }

    [Theory]
    [InlineData("""{ "columns": { "age": { "kind": "integer", "min": 100, "max": 18 } } }""", "age", "'min' not greater than 'max'")]
    [InlineData("""{ "columns": { "age": { "mn": 1 } } }""", "age", "'mn' is unknown")]
    [InlineData("""{ "columns": { "e": { "kind": "pii", "pii": "passport" } } }""", "e", "field 'pii'")]
    [InlineData("""{ "columns": { "m": { "categories": "jan" } } }""", "m", "an array of strings")]
    [InlineData("""{ "columns": { "m": { "categories": ["a", "a"] } } }""", "m", "without repeated labels")]
    [InlineData("""{ "columns": { "d": { "kind": "datetime", "min": "yesterday" } } }""", "d", "ISO 8601")]
    [InlineData("""{ "cols": { } }""", null, "'columns'")]
    [InlineData("""{ "columns": { "a": { "kind": "integer" }, } ,""", null, "valid JSON")]
    public void MalformedDeclarationsAreRejected(string json, string? column, string expectedPart)
    {
        var error = ParseError(json);
        Assert.Equal(column, error.Column);
        Assert.Contains(expectedPart, error.Message);
    }

    static TableSchema Inferred => new([
        new ColumnSchema { Name = "age", Kind = ColumnKind.Integer },
        new ColumnSchema { Name = "job", Kind = ColumnKind.Categorical },
    ]);

    [Theory]
    [InlineData("""{ "columns": { "salary": { "kind": "continuous" } } }""", "salary", "a column that bank.csv has")]
    [InlineData("""{ "columns": { "job": { "kind": "categorical", "min": 1 } } }""", "job", "'min' and 'max' only on")]
    [InlineData("""{ "columns": { "age": { "kind": "integer", "categories": ["1"] } } }""", "age", "'categories' only on")]
    [InlineData("""{ "columns": { "job": { "kind": "boolean", "categories": ["a", "b", "c"] } } }""", "job", "exactly two")]
    [InlineData("""{ "columns": { "age": { "kind": "integer", "pii": "email" } } }""", "age", "only on a column of kind pii")]
    public void DeclarationsThatDoNotFitTheTableAreRejected(string json, string column, string expectedPart)
    {
        var overrides = SchemaFile.Parse(json, "my.schema.json");
        var error = Assert.Throws<TableFormatException>(() => SchemaResolver.Merge(Inferred, overrides, "/data/bank.csv"));
        Assert.Equal("my.schema.json", error.File);
        Assert.Equal(column, error.Column);
        Assert.Contains(expectedPart, error.Message);
    }

    [Fact]
    public void DeclarationsReplaceWhatInferenceSawOfTheColumn()
    {
        var inferred = new TableSchema([
            new ColumnSchema { Name = "n", Kind = ColumnKind.Integer, MissingTokens = ["NA"], Nullable = true },
            new ColumnSchema { Name = "flag", Kind = ColumnKind.Boolean, Categories = ["0", "1"] },
        ]);
        var overrides = SchemaFile.Parse("""
            { // comments and trailing commas are fine in a hand-written file
              "columns": { "n": { "kind": "continuous", "missing": ["-999"], "min": 0 }, "flag": { "kind": "categorical" }, },
            }
            """, "s.json");
        var merged = SchemaResolver.Merge(inferred, overrides, "t.csv");
        Assert.Equal(ColumnKind.Continuous, merged["n"].Kind);
        Assert.Equal(["-999"], merged["n"].MissingTokens); // the file's tokens only: nothing is taken from the rows
        Assert.Equal(0, merged["n"].Min);
        Assert.False(merged["n"].Nullable); // not declared nullable, so not nullable, whatever the rows held
        Assert.Equal(ColumnKind.Categorical, merged["flag"].Kind);
        Assert.Null(merged["flag"].Categories); // the boolean vocabulary pair does not carry over to another kind
    }
}
