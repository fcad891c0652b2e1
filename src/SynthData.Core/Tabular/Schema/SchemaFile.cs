using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tabular.Schema;

/// <summary>
/// Reads and writes the hand-written JSON schema file (format described in samples/README.md):
/// <code>{ "columns": { "age": { "kind": "integer", "min": 18, "max": 100 }, ... } }</code>
/// Unknown fields are errors, so that a typo ("mnx") is not silently ignored.
/// </summary>
public static class SchemaFile
{
    // Explicit maps, so that reordering the enums cannot change what a file means.
    static readonly (ColumnKind Kind, string Name)[] Kinds =
    [
        (ColumnKind.Continuous, "continuous"), (ColumnKind.Integer, "integer"), (ColumnKind.Categorical, "categorical"),
        (ColumnKind.Boolean, "boolean"), (ColumnKind.DateTime, "datetime"), (ColumnKind.Identifier, "identifier"), (ColumnKind.Pii, "pii"),
    ];
    static readonly (PiiKind Kind, string Name)[] PiiKinds =
        [(PiiKind.Email, "email"), (PiiKind.Phone, "phone"), (PiiKind.Name, "name"), (PiiKind.Address, "address"), (PiiKind.FreeText, "free_text")];
    static readonly string[] KindNames = Kinds.Select(k => k.Name).ToArray();
    static readonly string[] PiiNames = PiiKinds.Select(k => k.Name).ToArray();
    static readonly HashSet<string> ColumnFields = ["kind", "pii", "min", "max", "categories", "missing", "nullable", "format", "description", "inferred"];

    /// <summary>Reads and validates the schema file at <paramref name="path"/>.</summary>
    public static SchemaOverrides Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Validates schema-file JSON: known kinds and fields only, each column at most once.</summary>
    /// <param name="json">The schema file's text.</param>
    /// <param name="file">File name used in error messages.</param>
    public static SchemaOverrides Parse(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            // The JSON message can quote the schema text; the line number is enough.
            throw new TableFormatException(file, null, null, $"valid JSON (error near line {(e.LineNumber ?? 0) + 1})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TableFormatException(file, null, null, "a JSON object at the top level");
            JsonElement? columns = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name == "columns") columns = property.Value;
                else if (property.Name is not ("description" or "$schema"))
                    throw new TableFormatException(file, null, null, $"only the fields 'columns' and 'description' at the top level, not '{property.Name}'");
            }
            if (columns is not { ValueKind: JsonValueKind.Object } columnsObject)
                throw new TableFormatException(file, null, null, "a 'columns' object mapping column names to their declarations");

            var result = new List<ColumnOverride>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var column in columnsObject.EnumerateObject())
            {
                if (!seen.Add(column.Name)) throw new TableFormatException(file, null, column.Name, "each column declared once");
                result.Add(ParseColumn(file, column.Name, column.Value));
            }
            return new SchemaOverrides(file, result);
        }
    }

    static ColumnOverride ParseColumn(string file, string name, JsonElement element)
    {
        TableFormatException Error(string expected) => new(file, null, name, expected);
        if (element.ValueKind != JsonValueKind.Object) throw Error("a JSON object declaring the column");
        foreach (var field in element.EnumerateObject())
            if (!ColumnFields.Contains(field.Name))
                throw Error($"only the fields {string.Join(", ", ColumnFields.Order())}; '{field.Name}' is unknown");

        ColumnKind? kind = null;
        if (element.TryGetProperty("kind", out var kindElement))
        {
            int index = Array.IndexOf(KindNames, kindElement.ValueKind == JsonValueKind.String ? kindElement.GetString() : null);
            if (index < 0) throw Error($"field 'kind' to be one of {string.Join(", ", KindNames)}");
            kind = Kinds[index].Kind;
        }
        PiiKind? pii = null;
        if (element.TryGetProperty("pii", out var piiElement))
        {
            int index = Array.IndexOf(PiiNames, piiElement.ValueKind == JsonValueKind.String ? piiElement.GetString() : null);
            if (index < 0) throw Error($"field 'pii' to be one of {string.Join(", ", PiiNames)}");
            pii = PiiKinds[index].Kind;
        }
        double? min = Bound(element, "min", Error), max = Bound(element, "max", Error);
        if (min > max) throw Error("'min' not greater than 'max'");

        var categories = Strings(element, "categories", Error);
        if (categories is not null && categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
            throw Error("field 'categories' without repeated labels");

        bool? nullable = null;
        if (element.TryGetProperty("nullable", out var nullableElement))
            nullable = nullableElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error("field 'nullable' to be true or false"),
            };

        string? format = null;
        if (element.TryGetProperty("format", out var formatElement))
            format = formatElement.ValueKind == JsonValueKind.String && formatElement.GetString() is { Length: > 0 } f
                ? f : throw Error("field 'format' to be a .NET date-time format string such as yyyy-MM-dd");

        bool inferred = false;
        if (element.TryGetProperty("inferred", out var inferredElement))
            inferred = inferredElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error("field 'inferred' to be true or false"),
            };

        return new ColumnOverride
        {
            Inferred = inferred, Name = name, Kind = kind, Pii = pii, Min = min, Max = max, Categories = categories,
            MissingTokens = Strings(element, "missing", Error), Nullable = nullable, DateTimeFormat = format,
        };
    }

    /// <summary>A number, or for datetimes an ISO 8601 string (stored as Unix seconds).</summary>
    static double? Bound(JsonElement element, string field, Func<string, TableFormatException> error)
    {
        if (!element.TryGetProperty(field, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)) return number;
        if (value.ValueKind == JsonValueKind.String && CellText.TryParseUnixSeconds(value.GetString()!, null, out double seconds)) return seconds;
        throw error($"field '{field}' to be a number or an ISO 8601 date-time string");
    }

    static IReadOnlyList<string>? Strings(JsonElement element, string field, Func<string, TableFormatException> error)
    {
        if (!element.TryGetProperty(field, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw error($"field '{field}' to be an array of strings");
        return value.EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    /// <summary>
    /// Writes a schema as a schema file that <see cref="Load"/> reads back to the same schema. Columns that were inferred
    /// carry "inferred": true, so they stay recorded as inferred until the owner reviews them and removes the mark.
    /// </summary>
    public static void Save(TableSchema schema, string path)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteStartObject("columns");
        foreach (var column in schema.Columns)
        {
            writer.WriteStartObject(column.Name);
            writer.WriteString("kind", Kinds.Single(k => k.Kind == column.Kind).Name);
            if (column.Kind == ColumnKind.Pii && column.Pii != PiiKind.None) writer.WriteString("pii", PiiKinds.Single(k => k.Kind == column.Pii).Name);
            WriteBound(writer, "min", column.Min, column.Kind);
            WriteBound(writer, "max", column.Max, column.Kind);
            if (column.Categories is { } categories) WriteStrings(writer, "categories", categories);
            if (column.MissingTokens.Count > 0) WriteStrings(writer, "missing", column.MissingTokens);
            writer.WriteBoolean("nullable", column.Nullable);
            if (column.DateTimeFormat is { } format) writer.WriteString("format", format);
            if (!column.Declared) writer.WriteBoolean("inferred", true);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    static void WriteBound(Utf8JsonWriter writer, string field, double? bound, ColumnKind kind)
    {
        if (bound is not { } value) return;
        if (kind == ColumnKind.DateTime) writer.WriteString(field, CellText.FromUnixSeconds(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        else writer.WriteNumber(field, value);
    }

    static void WriteStrings(Utf8JsonWriter writer, string field, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(field);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
