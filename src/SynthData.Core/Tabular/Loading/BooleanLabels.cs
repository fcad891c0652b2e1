namespace SynthData.Core.Tabular.Loading;

/// <summary>
/// The fixed, public vocabulary of boolean labels: true/false, yes/no, y/n, 1/0, t/f
/// (case-insensitive). Because it is fixed in advance, a pair taken from it reveals nothing learnt
/// from the data beyond which spelling the file uses.
/// </summary>
public static class BooleanLabels
{
    /// <summary>(false label, true label) pairs in canonical lower case.</summary>
    public static IReadOnlyList<(string False, string True)> Pairs { get; } =
        [("false", "true"), ("no", "yes"), ("n", "y"), ("0", "1"), ("f", "t")];

    /// <summary>Index into <see cref="Pairs"/> and the truth value of a label, if it is in the vocabulary.</summary>
    public static bool TryRead(string label, out int pair, out bool truth)
    {
        var trimmed = label.Trim();
        for (pair = 0; pair < Pairs.Count; pair++)
        {
            if (string.Equals(trimmed, Pairs[pair].True, StringComparison.OrdinalIgnoreCase)) { truth = true; return true; }
            if (string.Equals(trimmed, Pairs[pair].False, StringComparison.OrdinalIgnoreCase)) { truth = false; return true; }
        }
        truth = false;
        return false;
    }

    /// <summary>
    /// Truth of each of a column's two declared labels, when both are vocabulary labels of opposite
    /// truth (e.g. ["no", "yes"] gives false, true); null otherwise.
    /// </summary>
    public static (bool First, bool Second)? TruthOf(IReadOnlyList<string>? labels)
    {
        if (labels is not { Count: 2 }) return null;
        if (!TryRead(labels[0], out _, out bool first) || !TryRead(labels[1], out _, out bool second) || first == second) return null;
        return (first, second);
    }
}
