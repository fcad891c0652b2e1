using SynthData.Core.Tabular.Inference;
using SynthData.Core.Tabular.Io;

namespace SynthData.Core.Tabular.Schema;

/// <summary>
/// Combines an inferred schema with a schema file's declarations; declarations win. Merging keeps
/// inference's privacy property: bounds and categories come only from the declarations.
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
        var declaredMissing = overrides.Columns.Where(c => c.MissingTokens is not null)
            .ToDictionary(c => c.Name, c => c.MissingTokens!);
        var inferred = SchemaInference.Infer(reader, options with { ColumnMissingTokens = declaredMissing });
        return Merge(inferred, overrides, reader.Path);
    }

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
        var kind = declared.Kind ?? inferred.Kind;
        bool sameKind = kind == inferred.Kind;

        if (declared.Pii is not null && kind != ColumnKind.Pii) throw Error("field 'pii' only on a column of kind pii");
        var pii = kind != ColumnKind.Pii ? PiiKind.None
            : declared.Pii ?? (inferred.Pii != PiiKind.None ? inferred.Pii : PiiKind.FreeText);

        bool numeric = kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;
        if ((declared.Min is not null || declared.Max is not null) && !numeric)
            throw Error("'min' and 'max' only on continuous, integer or datetime columns");
        var min = declared.Min ?? (sameKind ? inferred.Min : null);
        var max = declared.Max ?? (sameKind ? inferred.Max : null);
        if (min > max) throw Error("'min' not greater than 'max'");

        if (declared.Categories is not null && kind is not (ColumnKind.Categorical or ColumnKind.Boolean))
            throw Error("'categories' only on categorical or boolean columns");
        var categories = declared.Categories ?? (sameKind ? inferred.Categories : null);
        if (kind == ColumnKind.Boolean && categories is not null && categories.Count != 2)
            throw Error("exactly two 'categories' (the false label, then the true label) on a boolean column");

        if (declared.DateTimeFormat is not null && kind != ColumnKind.DateTime) throw Error("'format' only on datetime columns");
        var format = declared.DateTimeFormat ?? (sameKind ? inferred.DateTimeFormat : null);

        var missing = inferred.MissingTokens.Concat(declared.MissingTokens ?? []).Distinct(StringComparer.Ordinal).ToArray();
        return inferred with
        {
            Kind = kind, Pii = pii, Min = min, Max = max, Categories = categories,
            MissingTokens = missing, Nullable = declared.Nullable ?? inferred.Nullable, DateTimeFormat = format,
        };
    }
}
