using SynthData.Core.Tabular;
using SynthData.Server.Storage.Artifacts;

namespace SynthData.Server.Training;

/// <summary>
/// Hands an admitted run's split key from the replica that planned it to the replica that claims the job. The split is
/// one keyed coin per row, so its training row count is random (binomial): a fresh split on the claiming replica would
/// almost never give the row count the plan (q = B/N, T, sigma) was calibrated and reserved for. The key is a secret kept
/// with the private data, so it goes to the artifact store (encrypted when SynthData:ArtifactKey is set) and is deleted
/// once the claiming replica has read it; the model's own split-key file takes over from there.
/// </summary>
public sealed class SplitKeyHandoff(IArtifactStore artifacts)
{
    static string KeyOf(string runId) => ArtifactKeys.Check($"pending-split-keys/{runId}");

    public void Put(string runId, byte[] splitKey)
    {
        using var content = new MemoryStream(splitKey, writable: false);
        artifacts.WriteAsync(KeyOf(runId), content, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The key, or null when none was handed over (or it was already taken).</summary>
    public byte[]? Read(string runId)
    {
        if (!artifacts.Exists(KeyOf(runId))) return null;
        using var stream = artifacts.OpenRead(KeyOf(runId));
        var key = new byte[HoldoutSplit.KeyBytes];
        stream.ReadExactly(key);
        return key;
    }

    public void Delete(string runId)
    {
        if (artifacts.Exists(KeyOf(runId))) artifacts.Delete(KeyOf(runId));
    }
}
