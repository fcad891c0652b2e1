using SynthData.Server.Governance;
using SynthData.Server.Storage;

namespace SynthData.Server.Lifecycle;

/// <summary>
/// A dataset's lineage: every upload sharing its ledger key (its versions), their models in training order, and the
/// current one: the model a reviewer pinned while it stays released, else the latest released.
/// </summary>
public sealed record ModelLineage(string LedgerKey, IReadOnlyList<ModelRecord> Models, ModelRecord? Current, bool Pinned)
{
    public int VersionOf(ModelRecord model) => Models.ToList().FindIndex(m => m.Id == model.Id) + 1;

    public static ModelLineage Of(ServerStore store, DatasetRecord dataset)
    {
        string key = DatasetLedger.KeyOf(dataset);
        var versions = store.Datasets.List(dataset.TenantId).Where(d => d.LedgerKey == key).Select(d => d.Id).ToHashSet();
        var models = store.Models.List(dataset.TenantId, null).Where(m => versions.Contains(m.DatasetId)).ToArray();
        var released = models.Where(m => m.ReleaseState == ReleaseState.Released).ToArray();
        var pinned = store.Lifecycle.PinnedModel(dataset.TenantId, key) is { } id ? released.FirstOrDefault(m => m.Id == id) : null;
        return new ModelLineage(key, models, pinned ?? released.LastOrDefault(), pinned is not null);
    }
}
