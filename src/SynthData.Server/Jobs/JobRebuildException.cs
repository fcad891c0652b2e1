using SynthData.Core.Model.Training;
using SynthData.Server.Datasets;
using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>A claimed job whose work cannot be rebuilt from its row; the message never carries a data value.</summary>
public sealed class JobRebuildException(string message) : Core.UserFacingException(Core.ErrorReason.FailedPrecondition, message)
{
    /// <summary>The dataset a claimed job reads, and how Core reads it; a job failure when it was deleted or erased meanwhile.</summary>
    public static (DatasetRecord Dataset, TrainingInput Input) DatasetOf(ServerStore store, string tenantId, string datasetId)
    {
        var dataset = store.Datasets.Get(tenantId, datasetId) ?? throw new JobRebuildException("its dataset no longer exists");
        try
        {
            return (dataset, DatasetInput.For(store, dataset));
        }
        catch (Grpc.Core.RpcException e)
        {
            throw new JobRebuildException(e.Status.Detail); // names the dataset id only
        }
    }
}
