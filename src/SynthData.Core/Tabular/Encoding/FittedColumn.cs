namespace SynthData.Core.Tabular.Encoding;

/// <summary>
/// One modelled column's fitted encoding: a quantile transform for numeric kinds or a category
/// vocabulary for label kinds (exactly one is set). Holds only declared and DP-released parameters.
/// </summary>
/// <param name="Schema">The column's schema.</param>
/// <param name="Numeric">The quantile transform of a numeric column; null for label kinds.</param>
/// <param name="Categories">The vocabulary of a label column; null for numeric kinds.</param>
public sealed record FittedColumn(ColumnSchema Schema, QuantileTransform? Numeric, CategoryVocabulary? Categories)
{
    /// <summary>Encoded width: 1 (+2 for a present/missing indicator) for numeric, the vocabulary's for labels.</summary>
    public int Width => Numeric is not null ? (Schema.Nullable ? 3 : 1) : Categories!.Width;
}
