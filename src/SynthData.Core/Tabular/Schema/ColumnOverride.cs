namespace SynthData.Core.Tabular.Schema;

/// <summary>
/// What a schema file declares about one column. Only 'kind' is required; nothing about a declared column is taken
/// from the rows, so an absent field means its default (not nullable, no missing tokens, ISO 8601 dates, no bounds).
/// Declared bounds and categories are public knowledge and cost no budget.
/// </summary>
public sealed record ColumnOverride
{
    /// <summary>The column the declaration is for, as named in the file.</summary>
    public required string Name { get; init; }
    /// <summary>The column's kind; required in a schema file.</summary>
    public ColumnKind? Kind { get; init; }
    /// <summary>What personal data a PII column holds.</summary>
    public PiiKind? Pii { get; init; }
    /// <summary>Lower bound; for datetime columns in Unix seconds.</summary>
    public double? Min { get; init; }
    /// <summary>Upper bound; for datetime columns in Unix seconds.</summary>
    public double? Max { get; init; }
    /// <summary>The category list (categorical and boolean columns), order kept.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>Tokens meaning "missing" in this column (an empty cell always does).</summary>
    public IReadOnlyList<string>? MissingTokens { get; init; }
    /// <summary>Whether the column may hold missing cells.</summary>
    public bool? Nullable { get; init; }
    /// <summary>The .NET format of a datetime column's cells; ISO 8601 when absent.</summary>
    public string? DateTimeFormat { get; init; }
    /// <summary>Marked by an inferred draft (`synthdata schema --out`) until the owner reviews the column and removes the mark.</summary>
    public bool Inferred { get; init; }
}
