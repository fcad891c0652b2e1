using System.Text.Json.Serialization;

namespace SynthData.Core.Tabular.Encoding;

/// <summary>
/// The one-hot slots of a categorical column: the declared or DP-released labels, an "other"
/// slot for every label not listed, and for nullable columns a last slot meaning missing.
/// The "other" slot is always present, even for declared categories: if it were added only when
/// an unlisted label occurs in the rows, the encoded width would reveal that such a row exists.
/// </summary>
public sealed class CategoryVocabulary
{
    /// <summary>Slot labels in order; Labels[OtherIndex] is the other label.</summary>
    public IReadOnlyList<string> Labels { get; }
    /// <summary>The slot that takes every label not listed.</summary>
    public int OtherIndex { get; }
    /// <summary>Whether slot Labels.Count means missing.</summary>
    public bool HasMissing { get; }

    readonly Dictionary<string, int> _index;

    /// <summary>Rebuilds a vocabulary (from JSON); labels must be distinct and <paramref name="otherIndex"/> one of them.</summary>
    [JsonConstructor]
    public CategoryVocabulary(IReadOnlyList<string> labels, int otherIndex, bool hasMissing)
    {
        if (otherIndex < 0 || otherIndex >= labels.Count) throw new ArgumentOutOfRangeException(nameof(otherIndex));
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
            if (!_index.TryAdd(labels[i], i)) throw new ArgumentException("Category labels must be distinct.", nameof(labels));
        Labels = labels.ToArray();
        OtherIndex = otherIndex;
        HasMissing = hasMissing;
    }

    /// <summary>The listed labels (distinct, order kept) plus the other label, appended unless already listed.</summary>
    public static CategoryVocabulary Create(IEnumerable<string> listed, string otherLabel, bool hasMissing)
    {
        var labels = listed.Distinct(StringComparer.Ordinal).ToList();
        int other = labels.IndexOf(otherLabel);
        if (other < 0)
        {
            labels.Add(otherLabel);
            other = labels.Count - 1;
        }
        return new CategoryVocabulary(labels, other, hasMissing);
    }

    /// <summary>Number of one-hot slots: the labels, plus one for missing when there is a missing slot.</summary>
    public int Width => Labels.Count + (HasMissing ? 1 : 0);
    /// <summary>The missing slot's index, or -1 when the column has none.</summary>
    public int MissingIndex => HasMissing ? Labels.Count : -1;

    /// <summary>The slot of a cell: its label's, else other's; missing (null) gives <see cref="MissingIndex"/>.</summary>
    public int SlotOf(string? label) =>
        label is null ? MissingIndex : _index.TryGetValue(label, out int i) ? i : OtherIndex;

    /// <summary>The cell a slot decodes to (null for the missing slot).</summary>
    public string? LabelAt(int slot) => HasMissing && slot == Labels.Count ? null : Labels[slot];
}
