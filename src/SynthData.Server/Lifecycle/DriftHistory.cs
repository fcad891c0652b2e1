using SynthData.Core.Drift;
using SynthData.Server.Governance;
using SynthData.Server.Storage;

namespace SynthData.Server.Lifecycle;

/// <summary>What the lineage's drift checks say about a model trained after them, for its audit report and card.</summary>
public static class DriftHistory
{
    /// <summary>The latest check of the model's lineage that finished with a result before the model's training job was queued; null when none did.</summary>
    public static DriftFinding? Before(ServerStore store, ModelRecord model)
    {
        var dataset = store.Datasets.Get(model.TenantId, model.DatasetId);
        var training = store.Jobs.Get(model.TenantId, model.JobId);
        if (dataset is null || training is null) return null;
        return Latest(store.Lifecycle.DriftChecks(model.TenantId, DatasetLedger.KeyOf(dataset)), training.CreatedAt);
    }

    /// <summary>The latest check with a result that finished strictly before <paramref name="trainedAt"/>.</summary>
    public static DriftFinding? Latest(IEnumerable<DriftCheckRecord> checks, DateTimeOffset trainedAt)
    {
        var latest = checks.Where(c => c.FinishedAt < trainedAt && c.ResultJson is not null).MaxBy(c => c.FinishedAt);
        if (latest is null || DriftCheckResult.FromJson(latest.ResultJson) is not { } result) return null;
        return DriftFinding.Of(latest.JobId, latest.ModelId, latest.DatasetId, result.Epsilon, latest.FinishedAt!.Value, result.Columns, result.Recommendation);
    }
}
