namespace SynthData.Core.Evaluation;

/// <summary>Maps labels to dense integer codes, with missing (null) as a label of its own (code 0).</summary>
sealed class LabelCoder
{
    public const int MissingCode = 0;
    readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    /// <summary>Number of distinct codes handed out so far, the missing code included.</summary>
    public int Count => _codes.Count + 1;

    public int Code(string? label)
    {
        if (label is null) return MissingCode;
        if (!_codes.TryGetValue(label, out int code)) _codes[label] = code = _codes.Count + 1;
        return code;
    }

    public int[] Codes(IReadOnlyList<string?> labels)
    {
        var codes = new int[labels.Count];
        for (int i = 0; i < codes.Length; i++) codes[i] = Code(labels[i]);
        return codes;
    }
}
