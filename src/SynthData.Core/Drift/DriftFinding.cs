namespace SynthData.Core.Drift;

/// <summary>
/// The latest drift check of a model's lineage that finished before the model was trained, as the model's audit report
/// and card show it: which model it checked against which dataset version, what it cost, the columns that surely drifted
/// (distance and interval) and the advice. Every figure is a DP output (noisy histograms against synthetic rows).
/// </summary>
/// <param name="CheckId">The check's id (on a server, its job id).</param>
/// <param name="CheckedModelId">The earlier model the new version was compared with.</param>
/// <param name="DatasetId">The dataset version the check read.</param>
/// <param name="Epsilon">Epsilon the check cost, charged to the lineage's shared budget.</param>
/// <param name="CheckedUtc">When the check finished.</param>
/// <param name="DriftedColumns">Columns whose interval lay above the tolerance, with their distance and interval.</param>
/// <param name="Recommendation">The check's plain-words advice.</param>
public sealed record DriftFinding(string CheckId, string CheckedModelId, string DatasetId, double Epsilon, DateTimeOffset CheckedUtc,
    IReadOnlyList<ColumnDrift> DriftedColumns, string Recommendation)
{
    /// <summary>True when the check advised retraining (some column surely drifted).</summary>
    public bool RetrainRecommended => DriftedColumns.Count > 0;

    /// <summary>The finding of a check's columns: only the drifted ones are kept.</summary>
    public static DriftFinding Of(string checkId, string checkedModelId, string datasetId, double epsilon, DateTimeOffset checkedUtc,
        IEnumerable<ColumnDrift> columns, string recommendation) =>
        new(checkId, checkedModelId, datasetId, epsilon, checkedUtc, columns.Where(c => c.Status == DriftStatus.Drifted).ToArray(), recommendation);

    /// <summary>One line for a drifted column: its distance and interval.</summary>
    public static string Describe(ColumnDrift c) => FormattableString.Invariant(
        $"{c.Column}: {DistanceName(c.Distance)} {c.Observed:0.000} (interval {c.Lower:0.000} to {c.Upper:0.000})");

    /// <summary>The distance's name in words.</summary>
    public static string DistanceName(DriftDistanceKind kind) => kind == DriftDistanceKind.TotalVariation ? "total variation" : "Kolmogorov-Smirnov";
}
