using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;
using Xunit;

namespace SynthData.Core.Tests.Tabular;

/// <summary>A column declared in a schema file takes nothing from the rows; only undeclared columns are inferred, and say so.</summary>
public sealed class StrictSchemaTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    TableSchema Resolve(string csv, string schemaJson)
    {
        using var reader = TableReaders.Open(_files.Write("table.csv", csv));
        return SchemaResolver.Resolve(reader, SchemaFile.Parse(schemaJson, "table.schema.json"));
    }

    TabularData Load(string csv, string schemaJson)
    {
        var schema = Resolve(csv, schemaJson);
        using var reader = TableReaders.Open(_files.PathOf("table.csv"));
        return TableLoader.Load(reader, schema);
    }

    [Fact]
    public void A_missing_cell_in_a_declared_column_not_declared_nullable_names_file_row_and_column_never_the_value()
    {
        const string csv = "score,label\n1,a\n-999,b\n3,c\n";
        var error = Assert.Throws<TableFormatException>(() => Load(csv, """{ "columns": { "score": { "kind": "integer", "missing": ["-999"] } } }"""));
        Assert.Equal("table.csv", error.File);
        Assert.Equal(3, error.Row);
        Assert.Equal("score", error.Column);
        Assert.DoesNotContain("999", error.Message);
        Assert.Contains("nullable", error.Message);

        // Declared nullable, the same cell is a missing value.
        var table = Load(csv, """{ "columns": { "score": { "kind": "integer", "missing": ["-999"], "nullable": true } } }""");
        Assert.True(double.IsNaN(table.Numeric("score")[1]));
    }

    [Fact]
    public void Nullability_missing_tokens_format_and_kind_of_a_declared_column_come_from_the_file_not_the_rows()
    {
        // Rows that inference reads as: nullable (an NA), date-only (format yyyy-MM-dd), an e-mail column (PII).
        const string csv = "day,email,other\n2020-01-02,a@example.com,1\n2020-01-03,b@example.com,NA\n2020-01-04,c@example.com,3\n";
        var inferred = Resolve(csv, """{ "columns": { } }""");
        Assert.Equal(ColumnKind.DateTime, inferred["day"].Kind);
        Assert.Equal(CellText.DateOnlyFormat, inferred["day"].DateTimeFormat);
        Assert.Equal(ColumnKind.Pii, inferred["email"].Kind);
        Assert.True(inferred["other"].Nullable);

        var declared = Resolve(csv, """
            { "columns": {
                "day": { "kind": "datetime" },
                "email": { "kind": "categorical" },
                "other": { "kind": "integer" } } }
            """);
        Assert.Null(declared["day"].DateTimeFormat);
        Assert.Equal(ColumnKind.Categorical, declared["email"].Kind);
        Assert.Equal(PiiKind.None, declared["email"].Pii);
        Assert.False(declared["other"].Nullable);
        Assert.Empty(declared["other"].MissingTokens);
        Assert.All(declared.Columns, c => Assert.True(c.Declared));

        // A declared column must say its kind: it is not read off the rows either.
        var error = Assert.Throws<TableFormatException>(() => Resolve(csv, """{ "columns": { "other": { "nullable": true } } }"""));
        Assert.Equal("other", error.Column);
        Assert.Contains("'kind'", error.Message);
    }

    [Fact]
    public void Undeclared_columns_are_recorded_as_inferred_and_a_draft_keeps_the_mark_until_the_owner_removes_it()
    {
        const string csv = "age,job\n30,a\n40,b\n50,\n";
        var partial = Resolve(csv, """{ "columns": { "age": { "kind": "integer" } } }""");
        Assert.Equal(["job"], partial.InferredColumns);

        string draft = _files.PathOf("draft.schema.json");
        SchemaFile.Save(partial, draft);
        Assert.Contains("\"inferred\": true", File.ReadAllText(draft));
        using (var reader = TableReaders.Open(_files.PathOf("table.csv")))
            Assert.Equal(["job"], SchemaResolver.Resolve(reader, SchemaFile.Load(draft)).InferredColumns);

        var reviewed = File.ReadAllText(draft).Replace(",\n      \"inferred\": true", "");
        using (var reader = TableReaders.Open(_files.PathOf("table.csv")))
        {
            var schema = SchemaResolver.Resolve(reader, SchemaFile.Parse(reviewed, "reviewed.schema.json"));
            Assert.Empty(schema.InferredColumns);
            Assert.True(schema["job"].Nullable); // the draft wrote down what inference saw; the owner now declares it
        }
    }
}
