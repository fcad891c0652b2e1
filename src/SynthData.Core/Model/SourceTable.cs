using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Model;

/// <summary>
/// A source table split into members (training rows) and non-members (holdout rows), as a training
/// run made it or as the owner's audit rebuilds it from the split key kept beside the artifact.
/// </summary>
/// <param name="SplitKey">The split's secret key: kept with the private data (<see cref="SplitKeyFile"/>), published nowhere.</param>
public sealed record SourceTable(TabularData All, HoldoutSplit Split, string Fingerprint, byte[] SplitKey)
{
    public TabularData Members => All.SelectRows(Split.TrainingRows);

    /// <summary>The dataset's id in ledgers and metadata, derived from the content fingerprint (so the same table has one budget).</summary>
    public string DatasetId => DatasetIdOf(Fingerprint);

    public static string DatasetIdOf(string fingerprint) => $"ds-{fingerprint[..16]}";
    public TabularData NonMembers => All.SelectRows(Split.HoldoutRows);

    public static SourceTable Load(string path, TableSchema schema, double holdoutFraction, byte[] splitKey, TableReadOptions? readOptions = null)
    {
        string fingerprint = InputFingerprint.Compute(path);
        using var reader = TableReaders.Open(path, readOptions);
        var data = TableLoader.Load(reader, schema);
        return new SourceTable(data, HoldoutSplit.Create(data, holdoutFraction, splitKey), fingerprint, splitKey);
    }

    /// <summary>Rebuilds the split a model was trained with; refuses a table other than the one it was trained on.</summary>
    public static SourceTable ForModel(string path, TrainedModel model, TableReadOptions? readOptions = null)
    {
        var manifest = model.Manifest;
        string fingerprint = InputFingerprint.Compute(path);
        if (!string.Equals(fingerprint, manifest.SourceFingerprint, StringComparison.OrdinalIgnoreCase))
            throw new SourceMismatchException(path);
        var table = Load(path, manifest.Schema, manifest.HoldoutFraction, SplitKeyFile.Read(model.ArtifactPath), readOptions);
        if (table.All.RowCount != manifest.SourceRows) throw new SourceMismatchException(path);
        return table;
    }
}

/// <summary>The table given is not the one the model was trained on (its SHA-256 differs).</summary>
public sealed class SourceMismatchException(string path)
    : UserFacingException($"{path}: this is not the table the model was trained on (its SHA-256 fingerprint differs from the artifact's).");
