using SynthData.Core.Tabular.Inference;
using SynthData.Core.Tabular.Io;

namespace SynthData.Core.Tabular.Schema;

/// <summary>
/// Combines an inferred schema with a schema file's declarations. A declared column is taken from the file alone
/// (kind, nullability, missing tokens, format, bounds, categories): nothing about it comes from the rows, and
/// identifier/PII detection never overrides it. Only undeclared columns keep their inferred structure, and are
/// marked so (<see cref="ColumnSchema.Declared"/> false). Bounds and categories come only from the declarations.
/// </summary>
public static class SchemaResolver
{
    /// <summary>Infers the table's schema (declared missing tokens taken into account) and applies the overrides.</summary>
    public static TableSchema Resolve(ITableReader reader, SchemaOverrides? overrides = null, SchemaInferenceOptions? options = null)
    {
        options ??= SchemaInferenceOptions.Default;
        if (overrides is null) return SchemaInference.Infer(reader, options);
        // Fail before a long pass over the table.
        CheckColumnsExist(overrides, reader.ColumnNames, reader.Path);
        return Merge(SchemaInference.Infer(reader, options), overrides, reader.Path);
    }

    /// <summary>The inferred schema with the file's declarations applied; every declared column must exist in the table.</summary>
    public static TableSchema Merge(TableSchema inferred, SchemaOverrides overrides, string tableFile)
    {
        CheckColumnsExist(overrides, inferred.Columns.Select(c => c.Name).ToArray(), tableFile);
        return new TableSchema(inferred.Columns.Select(c => overrides[c.Name] is { } o ? Apply(c, o, overrides.SourceFile) : c).ToArray());
    }

    static void CheckColumnsExist(SchemaOverrides overrides, IReadOnlyList<string> tableColumns, string tableFile)
    {
        foreach (var column in overrides.Columns)
            if (!tableColumns.Contains(column.Name))
                throw new TableFormatException(overrides.SourceFile, null, column.Name, $"a column that {Path.GetFileName(tableFile)} has (the table has no such column)");
    }

    static ColumnSchema Apply(ColumnSchema inferred, ColumnOverride declared, string schemaFile)
    {
        TableFormatException Error(string expected) => new(schemaFile, null, declared.Name, expected);
        var kind = declared.Kind ?? throw Error("field 'kind' on every declared column (nothing about a declared column is taken from the rows)");

        if (declared.Pii is not null && kind != ColumnKind.Pii) throw Error("field 'pii' only on a column of kind pii");
        var pii = kind != ColumnKind.Pii ? PiiKind.None : declared.Pii ?? PiiKind.FreeText;

        bool numeric = kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;
        if ((declared.Min is not null || declared.Max is not null) && !numeric)
            throw Error("'min' and 'max' only on continuous, integer or datetime columns");
        if (declared.Min > declared.Max) throw Error("'min' not greater than 'max'");

        if (declared.Categories is not null && kind is not (ColumnKind.Categorical or ColumnKind.Boolean))
            throw Error("'categories' only on categorical or boolean columns");
        if (kind == ColumnKind.Boolean && declared.Categories is not null && declared.Categories.Count != 2)
            throw Error("exactly two 'categories' (the false label, then the true label) on a boolean column");

        if (declared.DateTimeFormat is not null && kind != ColumnKind.DateTime) throw Error("'format' only on datetime columns");

        return new ColumnSchema
        {
            Name = inferred.Name, Kind = kind, Pii = pii, Min = declared.Min, Max = declared.Max, Categories = declared.Categories,
            MissingTokens = declared.MissingTokens ?? [], Nullable = declared.Nullable ?? false, DateTimeFormat = declared.DateTimeFormat,
            Declared = !declared.Inferred,
        };
    }
}
