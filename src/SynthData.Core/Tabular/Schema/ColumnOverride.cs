namespace SynthData.Core.Tabular.Schema;

/// <summary>
/// What a schema file declares about one column. Every field is optional: a null leaves the
/// inferred value in place. Declared bounds and categories are public knowledge and cost no budget.
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
    /// <summary>Extra tokens meaning "missing" in this column (added to those inferred).</summary>
    public IReadOnlyList<string>? MissingTokens { get; init; }
    public bool? Nullable { get; init; }
    public string? DateTimeFormat { get; init; }
}
