using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Server.Storage;

namespace SynthData.Server.Datasets;

/// <summary>
/// Chooses a new upload's key in the privacy ledger: the key of the tenant's earlier dataset with the same rows (same
/// keyed content fingerprint), else a new one. Uploads made before content fingerprints (keyed by their bytes' hash)
/// are fingerprinted here first, while their raw rows are still held, so re-uploading such a table after the upgrade
/// joins its existing budget instead of starting a fresh one.
/// </summary>
public static class LedgerKeys
{
    public static string ForUpload(ServerStore store, string tenantId, string contentFingerprint, CancellationToken cancellationToken)
    {
        foreach (var legacy in store.Datasets.List(tenantId).Where(d => d.ContentFingerprint is null && !d.Erased && store.Artifacts.Exists(d.RawPath)))
        {
            string path = DatasetInput.LocalPath(store, legacy);
            using var reader = TableReaders.Open(path, DatasetInput.ReadOptions(legacy));
            var (fingerprint, _) = DatasetFingerprint.Of(reader, DatasetInput.Schema(path, legacy), store.FingerprintKey, cancellationToken);
            store.Datasets.SetContentFingerprint(tenantId, legacy.Id, fingerprint);
        }
        return store.Datasets.LedgerKeyOfContent(tenantId, contentFingerprint) ?? $"{tenantId}/{contentFingerprint}";
    }
}
