namespace SynthData.Core.Tabular.Schema;

/// <summary>
/// What a schema file declares about one column. Only 'kind' is required; nothing about a declared column is taken
/// from the rows, so an absent field means its default (not nullable, no missing tokens, ISO 8601 dates, no bounds).
/// Declared bounds and categories are public knowledge and cost no budget.
/// </summary>
public sealed record ColumnOverride
{
    public required string Name { get; init; }
    public ColumnKind? Kind { get; init; }
    public PiiKind? Pii { get; init; }
    /// <summary>Lower bound; for datetime columns in Unix seconds.</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>Tokens meaning "missing" in this column (an empty cell always does).</summary>
    public IReadOnlyList<string>? MissingTokens { get; init; }
    public bool? Nullable { get; init; }
    public string? DateTimeFormat { get; init; }
    /// <summary>Marked by an inferred draft (`synthdata schema --out`) until the owner reviews the column and removes the mark.</summary>
    public bool Inferred { get; init; }
}
