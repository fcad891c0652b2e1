using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tabular.Inference;

/// <summary>Settings of <see cref="SchemaInference"/>.</summary>
public sealed record SchemaInferenceOptions
{
    /// <summary>Look at the first K data rows only; null reads them all.</summary>
    public long? MaxRows { get; init; }

    /// <summary>Tokens that mean "missing" in every column.</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = CellText.DefaultMissingTokens;

    /// <summary>Extra missing tokens per column, e.g. from a schema file ("unknown" for job).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ColumnMissingTokens { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Share of distinct values above which an id-named column is an identifier.</summary>
    public double IdentifierDistinctShare { get; init; } = 0.95;

    /// <summary>
    /// Share of values that must look like e-mail addresses / phone numbers for a column to be PII.
    /// Below 1 on purpose: a few malformed entries must not hide personal data (wrongly flagging a
    /// column only drops it, wrongly missing one would model personal data).
    /// </summary>
    public double PiiPatternShare { get; init; } = 0.8;

    /// <summary>Distinct values tracked per id-named column (bounds memory on huge tables).</summary>
    public int DistinctTrackingLimit { get; init; } = 200_000;

    /// <summary>The default thresholds.</summary>
    public static SchemaInferenceOptions Default { get; } = new();
}
