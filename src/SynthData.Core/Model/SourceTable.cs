using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Model;

/// <summary>
/// A source table split into members (training rows) and non-members (holdout rows), as a training
/// run made it or as the owner's audit rebuilds it from the split key kept beside the artifact.
/// </summary>
/// <param name="Fingerprint">The keyed content fingerprint (<see cref="DatasetFingerprint"/>): private, owner-side only.</param>
/// <param name="SplitKey">The split's secret key: kept with the private data (<see cref="SplitKeyFile"/>), published nowhere.</param>
/// <param name="All">Every row of the source table.</param>
/// <param name="Split">Which rows train the model and which are held out.</param>
public sealed record SourceTable(TabularData All, HoldoutSplit Split, string Fingerprint, byte[] SplitKey)
{
    /// <summary>The training rows.</summary>
    public TabularData Members => All.SelectRows(Split.TrainingRows);
    /// <summary>The holdout rows, never seen in training.</summary>
    public TabularData NonMembers => All.SelectRows(Split.HoldoutRows);

    /// <summary>The dataset's public id (random, given by a ledger or the server); recorded in the artifact and the footer.</summary>
    public string? DatasetId { get; init; }

    /// <summary>Reads the table at <paramref name="path"/> and splits it with <paramref name="splitKey"/> (a new key for training).</summary>
    public static SourceTable Load(string path, TableSchema schema, double holdoutFraction, byte[] splitKey, byte[] fingerprintKey,
        TableReadOptions? readOptions = null)
    {
        using var reader = TableReaders.Open(path, readOptions);
        var data = TableLoader.Load(reader, schema);
        return new SourceTable(data, HoldoutSplit.Create(data, holdoutFraction, splitKey), DatasetFingerprint.Of(data, fingerprintKey), splitKey);
    }

    /// <summary>Rebuilds the split a model was trained with; refuses a table other than the one it was trained on.</summary>
    public static SourceTable ForModel(string path, TrainedModel model, byte[] fingerprintKey, TableReadOptions? readOptions = null)
    {
        var manifest = model.Manifest;
        var table = Load(path, manifest.Schema, manifest.HoldoutFraction, SplitKeyFile.Read(model.ArtifactPath), fingerprintKey, readOptions);
        if (!string.Equals(table.Fingerprint, manifest.SourceFingerprint, StringComparison.Ordinal) || table.All.RowCount != manifest.SourceRows)
            throw new SourceMismatchException(path);
        return table with { DatasetId = manifest.DatasetId };
    }
}
/// <summary>The table given is not the one the model was trained on (its keyed content fingerprint differs).</summary>
public sealed class SourceMismatchException(string path)
    : UserFacingException(ErrorReason.FailedPrecondition, $"{path}: this is not the table the model was trained on (its content fingerprint differs from the artifact's; " +
        "a model trained under another SynthData home or server has another fingerprint key).");
