namespace SynthData.Core.Tabular;

/// <summary>
/// One column's description. Bounds and category lists given here are public domain knowledge
/// (declared by the data owner), so using them costs no privacy budget; when absent, they are
/// estimated from the private rows with a differentially private mechanism that is accounted for.
/// </summary>
public sealed record ColumnSchema
{
    /// <summary>The column's name in the file (header or Parquet field).</summary>
    public required string Name { get; init; }
    /// <summary>How the pipeline treats the column.</summary>
    public required ColumnKind Kind { get; init; }
    /// <summary>For a PII column, what personal data it holds; None otherwise.</summary>
    public PiiKind Pii { get; init; } = PiiKind.None;

    /// <summary>Declared lower bound (numeric and datetime columns; datetimes as Unix seconds).</summary>
    public double? Min { get; init; }
    /// <summary>Declared upper bound.</summary>
    public double? Max { get; init; }

    /// <summary>Declared category list (categorical and boolean columns). Order is kept.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Cell texts that mean "missing" in this column (an empty cell always does).</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = [];

    /// <summary>Whether the column may hold missing cells; the model learns a missingness indicator then.</summary>
    public bool Nullable { get; init; }

    /// <summary>Format for datetime columns when written back as text (.NET format string), ISO 8601 if null.</summary>
    public string? DateTimeFormat { get; init; }

    /// <summary>
    /// True when a schema file declares the column (nothing about it came from the rows); false when inferred from the
    /// private rows, which the guarantee does not cover (recorded in the governance metadata and the model card).
    /// </summary>
    public bool Declared { get; init; }

    /// <summary>True for kinds the generative model learns; identifiers and PII are never modelled.</summary>
    public bool IsModelled => Kind is not (ColumnKind.Identifier or ColumnKind.Pii);

    /// <summary>True for kinds carried as numbers (continuous, integer, datetime).</summary>
    public bool IsNumeric => Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;

    /// <summary>True for kinds carried as labels (categorical, boolean).</summary>
    public bool IsCategorical => Kind is ColumnKind.Categorical or ColumnKind.Boolean;
}
