using SynthData.Core.Tabular.Io;

namespace SynthData.Core.Tabular.Inference;

/// <summary>
/// Infers a table's schema in one streaming pass (optionally over the first K rows).
/// </summary>
/// <remarks>
/// PRIVACY: inference outputs structure only: kinds, PII kinds, nullability, which missing tokens
/// occur and the datetime format. It must never put category lists or numeric bounds learnt from
/// the data into the schema: a category seen once or a minimum/maximum can single out a person,
/// and a schema is treated as public (bounds and categories in a schema are used without spending
/// privacy budget). Those are either declared by the data owner in a schema file or estimated by
/// the encoding layer with an accounted DP mechanism. The one exception is a boolean's label pair,
/// which comes from a fixed public vocabulary (true/false, yes/no, ...), not from the data.
/// </remarks>
public static class SchemaInference
{
    /// <summary>Reads the rows (the first K when the options say so) and returns the inferred schema: structure only, no values.</summary>
    public static TableSchema Infer(ITableReader reader, SchemaInferenceOptions? options = null)
    {
        options ??= SchemaInferenceOptions.Default;
        var names = reader.ColumnNames;
        var profiles = new ColumnProfile[names.Count];
        for (int c = 0; c < profiles.Length; c++)
        {
            var tokens = options.MissingTokens.ToList();
            if (options.ColumnMissingTokens.TryGetValue(names[c], out var extra)) tokens.AddRange(extra);
            profiles[c] = new ColumnProfile(names[c], tokens, ColumnNameHints.SuggestsIdentifier(names[c]), options.DistinctTrackingLimit);
        }

        long rows = 0;
        foreach (var row in reader.ReadRows())
        {
            for (int c = 0; c < profiles.Length; c++) profiles[c].Add(row.Cells[c]);
            if (++rows == options.MaxRows) break;
        }
        if (rows == 0) throw new TableFormatException(reader.Path, null, null, "at least one data row");
        return new TableSchema(profiles.Select(p => p.ToSchema(options)).ToArray());
    }
}
