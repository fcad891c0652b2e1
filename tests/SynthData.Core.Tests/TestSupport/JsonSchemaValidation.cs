using System.Text.Json;
using Json.Schema;

namespace SynthData.Core.Tests.TestSupport;

/// <summary>
/// Checks JSON against one of our published JSON Schemas (2020-12) with JsonSchema.Net, an implementation of the
/// standard kept against the official test suite. It reads the schema file, not our C# types, so it is an
/// independent check of what we write. Errors come back as "instance location: keyword: message" lines, so a test
/// can ask which member failed.
/// </summary>
public static class JsonSchemaValidation
{
    public static List<string> Validate(JsonElement schema, JsonElement value)
    {
        // A registry per build: our schemas carry an $id, and the global registry would refuse a second build of one.
        var built = JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = built.Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var errors = new[] { result }.Concat(result.Details ?? [])
            .Where(node => node.Errors is not null)
            .SelectMany(node => node.Errors!.Select(e => $"{node.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (the validator gave no message)"];
    }

    public static List<string> Validate(string schemaJson, string valueJson)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        using var value = JsonDocument.Parse(valueJson);
        return Validate(schema.RootElement, value.RootElement);
    }
}
