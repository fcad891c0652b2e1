using System.Text.Json;
using System.Text.Json.Serialization;

namespace SynthData.Core;

/// <summary>The one JSON convention for everything SynthData writes: snake_case names, enums as strings.</summary>
public static class SynthDataJson
{
    /// <summary>Indented, for files people read.</summary>
    public static readonly JsonSerializerOptions Options = Create(indented: true);
    /// <summary>Single-line, for JSON embedded in other files or messages.</summary>
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = indented,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
