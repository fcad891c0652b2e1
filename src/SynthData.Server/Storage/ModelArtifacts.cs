using Grpc.Core;
using SynthData.Core.Model;

namespace SynthData.Server.Storage;

/// <summary>
/// Loads a model's artifact for Generate and RunAudit. A file that is missing, fails its integrity check or is not
/// the artifact the store recorded is DATA_LOSS with a message an operator can act on (it used to end INTERNAL),
/// and the audit log records it. The reply names the model, never the server's path.
/// </summary>
public static class ModelArtifacts
{
    public static TrainedModel Load(ServerStore store, ModelRecord model, string actor)
    {
        TrainedModel? trained = null;
        try
        {
            trained = TrainedModel.Load(model.ArtifactPath);
            if (string.Equals(trained.ArtifactSha256, model.Sha256, StringComparison.Ordinal)) return trained;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            // Answered as DATA_LOSS below, like an intact artifact that is not the recorded one.
        }
        trained?.Dispose();
        store.AuditLog.Record(model.TenantId, actor, "model.artifact_damaged", model.Id, "the artifact is missing, damaged or not the one recorded at training");
        throw new RpcException(new Status(StatusCode.DataLoss,
            $"Model '{model.Id}': its artifact is missing, damaged or not the one recorded at training. Restore the file from a backup or train the model again."));
    }
}
