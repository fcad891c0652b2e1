using System.Text;
using System.Text.Json;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Model;

/// <summary>A model artifact in memory: manifest, transformer and VAE, identified by its content hash.</summary>
public sealed class TrainedModel : IDisposable
{
    /// <summary>What the artifact says about the model: schema, configuration, privacy and lineage.</summary>
    public ModelManifest Manifest { get; }
    /// <summary>The fitted transformer that encodes rows for the VAE and decodes its samples.</summary>
    public TableTransformer Transformer { get; }
    /// <summary>The trained network with its weights loaded.</summary>
    public TabularVae Vae { get; }
    /// <summary>Where the artifact lives (the split key sits beside it: <see cref="SplitKeyFile"/>).</summary>
    public string ArtifactPath { get; }
    /// <summary>SHA-256 of the artifact's content (manifest and weights), hex.</summary>
    public string ArtifactSha256 { get; }
    /// <summary>A short id derived from the content hash, so equal models have equal ids.</summary>
    public string Id => $"model-{ArtifactSha256[..16]}";

    TrainedModel(string path, ModelManifest manifest, TableTransformer transformer, TabularVae vae, string hash)
    {
        ArtifactPath = Path.GetFullPath(path);
        Manifest = manifest;
        Transformer = transformer;
        Vae = vae;
        ArtifactSha256 = hash;
    }

    /// <summary>Writes the artifact and returns the model as loaded from its content.</summary>
    public static TrainedModel Save(string path, ModelManifest manifest, TableTransformer transformer, TabularVae vae)
    {
        var weights = VaeWeights.Save(vae);
        var manifestJson = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest, SynthDataJson.Options));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        string hash = ModelArtifactFile.Write(path, manifestJson, weights);
        return new TrainedModel(path, manifest, transformer, vae, hash);
    }

    /// <summary>Reads an artifact, verifying its content hash; a damaged file is refused.</summary>
    public static TrainedModel Load(string path)
    {
        var (manifestJson, weights, hash) = ModelArtifactFile.Read(path);
        var manifest = JsonSerializer.Deserialize<ModelManifest>(manifestJson, SynthDataJson.Options)
                       ?? throw new InvalidDataException($"{path}: the artifact's manifest is empty.");
        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
            throw new InvalidDataException($"{path}: artifact format {manifest.FormatVersion} is not supported (expected {ModelManifest.CurrentFormatVersion}).");
        var transformer = TableTransformer.FromJson(manifest.TransformerJson);
        var vae = VaeWeights.Load(transformer.Layout, manifest.Configuration.Model, weights);
        return new TrainedModel(path, manifest, transformer, vae, hash);
    }

    /// <summary>Frees the VAE's tensors.</summary>
    public void Dispose() => Vae.Dispose();
}
