using SynthData.Core.Model;

namespace SynthData.Cli.Options;

/// <summary>A dataset named on the command line by its public id (ds_...) or by a model artifact trained on it.</summary>
public static class DatasetReference
{
    public static string? Resolve(string? reference)
    {
        if (reference is null) return null;
        if (reference.StartsWith("ds_", StringComparison.Ordinal) && !File.Exists(reference)) return reference;
        if (!File.Exists(reference)) throw new ArgumentException($"--version-of {reference}: neither a dataset id (ds_...) nor a model file.");
        using var model = TrainedModel.Load(reference);
        return model.Manifest.DatasetId
               ?? throw new ArgumentException($"--version-of {reference}: the model was trained outside a ledger and names no dataset.");
    }
}
