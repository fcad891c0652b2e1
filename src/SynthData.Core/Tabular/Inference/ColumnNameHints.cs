using System.Text.RegularExpressions;

namespace SynthData.Core.Tabular.Inference;

/// <summary>What a column's name suggests: identifiers (id, *_id, uuid, key) and kinds of personal data.</summary>
static partial class ColumnNameHints
{
    static readonly HashSet<string> IdentifierWords = ["id", "uuid", "guid", "key"];

    static readonly Dictionary<string, PiiKind> PiiWords = new(StringComparer.Ordinal)
    {
        ["name"] = PiiKind.Name, ["firstname"] = PiiKind.Name, ["lastname"] = PiiKind.Name, ["surname"] = PiiKind.Name,
        ["forename"] = PiiKind.Name, ["fullname"] = PiiKind.Name, ["givenname"] = PiiKind.Name, ["username"] = PiiKind.Name,
        ["address"] = PiiKind.Address, ["addr"] = PiiKind.Address, ["street"] = PiiKind.Address,
        ["email"] = PiiKind.Email, ["mail"] = PiiKind.Email,
        ["phone"] = PiiKind.Phone, ["telephone"] = PiiKind.Phone, ["mobile"] = PiiKind.Phone, ["tel"] = PiiKind.Phone,
    };

    /// <summary>Words of a name: split at _, -, space, dots and camelCase humps, lower-cased.</summary>
    public static string[] Words(string name) =>
        HumpRegex().Replace(name, "$1 $2").Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant()).ToArray();

    public static bool SuggestsIdentifier(string name)
    {
        var words = Words(name);
        return words.Length > 0 && IdentifierWords.Contains(words[^1]);
    }

    public static PiiKind SuggestedPii(string name)
    {
        var words = Words(name);
        // "first_name" and "e-mail" are split into words; look at joined neighbours too.
        for (int i = 0; i < words.Length; i++)
        {
            if (PiiWords.TryGetValue(words[i], out var kind)) return kind;
            if (i + 1 < words.Length && PiiWords.TryGetValue(words[i] + words[i + 1], out kind)) return kind;
        }
        return PiiKind.None;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex HumpRegex();
}
