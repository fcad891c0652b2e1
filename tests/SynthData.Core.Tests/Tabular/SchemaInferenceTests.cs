using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Inference;
using SynthData.Core.Tabular.Io;

namespace SynthData.Core.Tests.Tabular;

public class SchemaInferenceTests : IDisposable
{
    readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void SampleColumnsGetTheirKinds()
    {
        using var reader = TableReaders.Open(TestFiles.Sample("bank-marketing.csv"));
        var schema = SchemaInference.Infer(reader);

        var expected = new Dictionary<string, ColumnKind>
        {
            ["customer_id"] = ColumnKind.Identifier, ["email"] = ColumnKind.Pii,
            ["age"] = ColumnKind.Integer, ["balance"] = ColumnKind.Integer, ["day"] = ColumnKind.Integer,
            ["campaign"] = ColumnKind.Integer, ["pdays"] = ColumnKind.Integer, ["previous"] = ColumnKind.Integer,
            ["duration_min"] = ColumnKind.Continuous,
            ["job"] = ColumnKind.Categorical, ["marital"] = ColumnKind.Categorical, ["education"] = ColumnKind.Categorical,
            ["contact"] = ColumnKind.Categorical, ["month"] = ColumnKind.Categorical, ["poutcome"] = ColumnKind.Categorical,
            ["default"] = ColumnKind.Boolean, ["housing"] = ColumnKind.Boolean, ["loan"] = ColumnKind.Boolean, ["y"] = ColumnKind.Boolean,
            ["contact_date"] = ColumnKind.DateTime,
        };
        Assert.Equal(expected.Keys.Order(), schema.Columns.Select(c => c.Name).Order());
        Assert.All(schema.Columns, c => Assert.True(expected[c.Name] == c.Kind, $"{c.Name}: expected {expected[c.Name]}, got {c.Kind}"));
        Assert.Equal(PiiKind.Email, schema["email"].Pii);
        Assert.Equal("yyyy-MM-dd", schema["contact_date"].DateTimeFormat);
        Assert.Equal(["no", "yes"], schema["y"].Categories);
        Assert.All(schema.Columns, c => Assert.False(c.Nullable));
    }

    [Fact]
    public void InferenceNeverEmitsLearntCategoriesOrBounds()
    {
        using var reader = TableReaders.Open(TestFiles.Sample("bank-marketing.csv"));
        var schema = SchemaInference.Infer(reader);
        Assert.All(schema.Columns, c =>
        {
            Assert.Null(c.Min);
            Assert.Null(c.Max);
            // Only booleans carry labels, and those come from the fixed vocabulary.
            if (c.Kind != ColumnKind.Boolean) Assert.Null(c.Categories);
        });
    }

    [Fact]
    public void MissingTokensThatOccurAreRecorded()
    {
        var path = _files.Write("missing.csv", "a,b,c,d\n1,x,NA,\n2,N/A,?,2.5\nNaN,y,NA,3\n4,z,NA,4\n");
        using var reader = TableReaders.Open(path);
        var schema = SchemaInference.Infer(reader);
        Assert.Equal(ColumnKind.Integer, schema["a"].Kind);
        Assert.Equal(["NaN"], schema["a"].MissingTokens);
        Assert.Equal(["N/A"], schema["b"].MissingTokens);
        Assert.Equal(["NA", "?"], schema["c"].MissingTokens);
        Assert.Empty(schema["d"].MissingTokens); // empty cells are always missing, not listed
        Assert.Equal(ColumnKind.Continuous, schema["d"].Kind);
        Assert.All(schema.Columns, c => Assert.True(c.Nullable));
        Assert.Equal(ColumnKind.Categorical, schema["c"].Kind); // nothing but missing cells
    }

    [Fact]
    public void DeclaredMissingTokensLetNumericColumnsStayNumeric()
    {
        var path = _files.Write("unknown.csv", "n\n1\nunknown\n3\n");
        using var reader = TableReaders.Open(path);
        Assert.Equal(ColumnKind.Categorical, SchemaInference.Infer(reader)["n"].Kind);
        var options = SchemaInferenceOptions.Default with { ColumnMissingTokens = new Dictionary<string, IReadOnlyList<string>> { ["n"] = ["unknown"] } };
        var column = SchemaInference.Infer(reader, options)["n"];
        Assert.Equal(ColumnKind.Integer, column.Kind);
        Assert.Equal(["unknown"], column.MissingTokens);
        Assert.True(column.Nullable);
    }

    [Fact]
    public void IdentifiersPiiAndDatesAreRecognised()
    {
        var lines = new List<string> { "row_key,uuid_col,phone,first_name,street,when,flag,code" };
        for (int i = 0; i < 40; i++)
            lines.Add($"{1000 + i},{Guid.NewGuid()},+41 44 {100 + i} 20 00,N{i},S{i},2024-01-{i % 28 + 1:00}T10:00:00Z,{(i % 2 == 0 ? "T" : "f")},{i % 3}");
        var path = _files.Write("mixed.csv", string.Join("\n", lines) + "\n");
        using var reader = TableReaders.Open(path);
        var schema = SchemaInference.Infer(reader);
        Assert.Equal(ColumnKind.Identifier, schema["row_key"].Kind);
        Assert.Equal(ColumnKind.Identifier, schema["uuid_col"].Kind);
        Assert.Equal((ColumnKind.Pii, PiiKind.Phone), (schema["phone"].Kind, schema["phone"].Pii));
        Assert.Equal((ColumnKind.Pii, PiiKind.Name), (schema["first_name"].Kind, schema["first_name"].Pii));
        Assert.Equal((ColumnKind.Pii, PiiKind.Address), (schema["street"].Kind, schema["street"].Pii));
        Assert.Equal(ColumnKind.DateTime, schema["when"].Kind);
        Assert.Null(schema["when"].DateTimeFormat);
        Assert.Equal(ColumnKind.Boolean, schema["flag"].Kind);
        Assert.Equal(["f", "t"], schema["flag"].Categories);
        Assert.Equal(ColumnKind.Integer, schema["code"].Kind);
    }

    [Fact]
    public void IdNamedColumnWithRepeatsIsNotAnIdentifier()
    {
        var path = _files.Write("repeats.csv", "group_id\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i % 4}\n")));
        using var reader = TableReaders.Open(path);
        Assert.Equal(ColumnKind.Integer, SchemaInference.Infer(reader)["group_id"].Kind);
    }

    [Fact]
    public void MaxRowsLimitsThePass()
    {
        var path = _files.Write("late.csv", "n\n1\n2\n3\nnot-a-number\n");
        using var reader = TableReaders.Open(path);
        Assert.Equal(ColumnKind.Integer, SchemaInference.Infer(reader, new SchemaInferenceOptions { MaxRows = 3 })["n"].Kind);
        Assert.Equal(ColumnKind.Categorical, SchemaInference.Infer(reader)["n"].Kind);
    }
}
