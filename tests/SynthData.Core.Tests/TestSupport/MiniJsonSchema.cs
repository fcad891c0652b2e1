using System.Text.Json;
using System.Text.RegularExpressions;

namespace SynthData.Core.Tests.TestSupport;

/// <summary>
/// A validator for the subset of JSON Schema (2020-12) our published schemas use: type (one or a list),
/// required, properties, additionalProperties: false, enum, minimum/maximum (exclusive too), pattern,
/// items and local $ref. Written here because no JSON Schema library is in the package mirror; it reads
/// the schema file, not our C# types, so it is an independent check of what we write.
/// </summary>
public static class MiniJsonSchema
{
    public static List<string> Validate(JsonElement schema, JsonElement value) => Validate(schema, schema, value, "$");

    static List<string> Validate(JsonElement root, JsonElement schema, JsonElement value, string path)
    {
        var errors = new List<string>();
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) target = target.GetProperty(part);
            return Validate(root, target, value, path);
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Matches(t, value))) { errors.Add($"{path}: expected {string.Join("|", allowed)}, got {value.ValueKind}"); return errors; }
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
            errors.Add($"{path}: {value} is not one of {options}");
        if (value.ValueKind == JsonValueKind.Number)
        {
            double x = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var min) && x < min.GetDouble()) errors.Add($"{path}: {x} < minimum {min}");
            if (schema.TryGetProperty("maximum", out var max) && x > max.GetDouble()) errors.Add($"{path}: {x} > maximum {max}");
            if (schema.TryGetProperty("exclusiveMinimum", out var emin) && x <= emin.GetDouble()) errors.Add($"{path}: {x} <= exclusiveMinimum {emin}");
            if (schema.TryGetProperty("exclusiveMaximum", out var emax) && x >= emax.GetDouble()) errors.Add($"{path}: {x} >= exclusiveMaximum {emax}");
        }
        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value.GetString()!, pattern.GetString()!))
            errors.Add($"{path}: does not match {pattern}");
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray())
                    if (!value.TryGetProperty(name.GetString()!, out _)) errors.Add($"{path}: missing required '{name.GetString()}'");
            bool closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
            schema.TryGetProperty("properties", out var properties);
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
                    errors.AddRange(Validate(root, sub, property.Value, $"{path}.{property.Name}"));
                else if (closed) errors.Add($"{path}: unexpected property '{property.Name}'");
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in value.EnumerateArray()) errors.AddRange(Validate(root, items, item, $"{path}[{i++}]"));
        }
        return errors;
    }

    static bool Matches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
