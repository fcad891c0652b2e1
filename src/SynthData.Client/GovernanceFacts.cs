using System.Text.Json;

namespace SynthData.Client;

/// <summary>
/// The headline facts of a generated file's governance metadata (the "synthdata.governance" JSON): the privacy
/// guarantee, the policy and the model. Absent fields stay null, so older or partial metadata still reads.
/// </summary>
/// <param name="DifferentiallyPrivate">Whether the model was trained with differential privacy.</param>
/// <param name="Epsilon">The guarantee's epsilon.</param>
/// <param name="Delta">The guarantee's delta.</param>
/// <param name="Accountant">The privacy accountant that computed the guarantee.</param>
/// <param name="PolicyId">The release policy the model was admitted under.</param>
/// <param name="ModelId">The model the rows were sampled from.</param>
public sealed record GovernanceFacts(bool? DifferentiallyPrivate, double? Epsilon, double? Delta, string? Accountant, string? PolicyId, string? ModelId)
{
    /// <summary>Reads the facts from governance JSON; fields missing from it stay null.</summary>
    public static GovernanceFacts Parse(string governanceJson)
    {
        using var document = JsonDocument.Parse(governanceJson);
        var root = document.RootElement;
        var privacy = Child(root, "privacy");
        return new GovernanceFacts(
            Child(privacy, "differentially_private") is { ValueKind: JsonValueKind.True or JsonValueKind.False } dp ? dp.GetBoolean() : null,
            Number(Child(privacy, "epsilon")),
            Number(Child(privacy, "delta")),
            Text(Child(privacy, "accountant")),
            Text(Child(Child(root, "policy"), "id")),
            Text(Child(Child(root, "model"), "id")));
    }

    static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) ? value : null;

    static double? Number(JsonElement? e) => e is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;

    static string? Text(JsonElement? e) => e is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}
