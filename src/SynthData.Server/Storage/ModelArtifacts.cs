using Grpc.Core;
using SynthData.Core.Model;

namespace SynthData.Server.Storage;

/// <summary>
/// Loads a model's artifact (and the split key beside it, which an audit needs) from the artifact store for Generate
/// and RunAudit. An artifact that is missing, fails its integrity check (or decryption) or is not the artifact the
/// store recorded is DATA_LOSS with a message an operator can act on, and the audit log records it. A damaged cached
/// copy is fetched again once before that verdict. The reply names the model, never the server's path.
/// </summary>
public static class ModelArtifacts
{
    public static TrainedModel Load(ServerStore store, ModelRecord model, string actor)
    {
        for (int attempt = 1; ; attempt++)
        {
            TrainedModel? trained = null;
            try
            {
                trained = TrainedModel.Load(LocalPath(store, model));
                if (string.Equals(trained.ArtifactSha256, model.Sha256, StringComparison.Ordinal)) return trained;
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
            {
                // Answered as DATA_LOSS below, like an intact artifact that is not the recorded one.
            }
            trained?.Dispose();
            // A failing cached copy never stays (a restored store is read next time); it is fetched again once, so a
            // copy damaged in this replica's cache is not reported as the store's loss.
            if (!store.Artifacts.Evict(model.ArtifactPath) || attempt == 2) break;
        }
        store.AuditLog.Record(model.TenantId, actor, "model.artifact_damaged", model.Id, "the artifact is missing, damaged or not the one recorded at training");
        throw new RpcException(new Status(StatusCode.DataLoss,
            $"Model '{model.Id}': its artifact is missing, damaged or not the one recorded at training. Restore the file from a backup or train the model again."));
    }

    /// <summary>The artifact as a local file, with its split key beside it when the store has one; not verified (Core's load verifies).</summary>
    public static string LocalPath(ServerStore store, ModelRecord model)
    {
        string path = store.Artifacts.LocalPath(model.ArtifactPath);
        string splitKey = SplitKeyFile.PathFor(model.ArtifactPath);
        if (!File.Exists(SplitKeyFile.PathFor(path)) && store.Artifacts.Exists(splitKey)) store.Artifacts.LocalPath(splitKey);
        return path;
    }
}
