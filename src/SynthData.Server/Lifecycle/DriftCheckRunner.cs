using System.Text.Json;
using Grpc.Core;
using SynthData.Core;
using SynthData.Core.Drift;
using SynthData.Core.Model;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Storage;

namespace SynthData.Server.Lifecycle;

/// <summary>What a drift check stores and answers: DP outputs only (the cost, the per-column figures, the verdict).</summary>
public sealed record DriftCheckResult(double Epsilon, double Delta, double LifetimeEpsilonAfter, IReadOnlyList<ColumnDrift> Columns,
    bool RetrainRecommended, string Recommendation, string? Error);

/// <summary>
/// Runs drift checks as background jobs: the cost is computed and checked against the lineage's budget before the call
/// returns; the check itself (reservation, the one DP read of the new version's rows, settlement, then the free
/// comparison) runs on the thread pool, its outcome stored and logged.
/// </summary>
public sealed class DriftCheckRunner(ServerStore store, LifecycleStore lifecycle, DatasetLedger ledger, PolicyStore policies, ILogger<DriftCheckRunner> logger)
{
    public DriftCheckRecord Start(string tenantId, string actor, ModelRecord model, DatasetRecord newVersion, DriftSettings settings)
    {
        var modelDataset = store.Datasets.Get(tenantId, model.DatasetId)!;
        string key = DatasetLedger.KeyOf(modelDataset);
        if (DatasetLedger.KeyOf(newVersion) != key)
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Dataset '{newVersion.Id}' is not a version of the model's dataset: upload it with version_of = {modelDataset.Id}, so that both share one budget."));
        if (newVersion.Erased) throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Dataset '{newVersion.Id}' was erased."));
        var trained = TrainedModel.Load(ModelArtifacts.LocalPath(store, model));
        var noise = DriftCheck.NoiseFor(trained, settings, LedgeredDriftCheck.DeltaFor(ledger.Ledger, key, trained));
        var cost = LedgeredDriftCheck.Cost(ledger.Ledger, new BestOfAccountants(), key, noise, policies.Get(modelDataset.PolicyId).LifetimeEpsilonBudget);
        if (!cost.WithinBudget)
        {
            trained.Dispose();
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"The check would bring the dataset's lifetime epsilon to {cost.LifetimeAfter:0.###}, above its budget of {cost.LifetimeBudget:0.###}."));
        }
        var pending = new DriftCheckResult(cost.CheckEpsilon, cost.Delta, cost.LifetimeAfter, [], false, "", null);
        var record = new DriftCheckRecord(ServerStore.NewId("drift"), tenantId, model.Id, newVersion.Id, "running", Json(pending), DateTimeOffset.UtcNow);
        lifecycle.InsertDriftCheck(record);
        store.AuditLog.Record(tenantId, actor, "drift.started", model.Id, $"drift check {record.Id} of dataset {newVersion.Id}, epsilon {cost.CheckEpsilon:0.###}");
        _ = Task.Run(() => Run(record, trained, newVersion, settings, cost, noise, pending));
        return record;
    }

    void Run(DriftCheckRecord record, TrainedModel trained, DatasetRecord newVersion, DriftSettings settings, DriftCost cost, DriftNoise noise, DriftCheckResult pending)
    {
        using var _ = trained;
        try
        {
            Core.Tabular.TabularData rows;
            using (var reader = TableReaders.Open(DatasetInput.LocalPath(store, newVersion), DatasetInput.ReadOptions(newVersion)))
                rows = TableLoader.Load(reader, trained.Manifest.Schema);
            var result = LedgeredDriftCheck.Run(ledger.Ledger, cost, trained, rows, settings, noise, RunRandomness.Secure());
            var stored = result.Report is { } report
                ? pending with { LifetimeEpsilonAfter = result.Cost.LifetimeAfter, Columns = report.Columns, RetrainRecommended = report.RetrainRecommended, Recommendation = report.Recommendation }
                : pending with { Error = "another run used the budget meanwhile; nothing was read" };
            lifecycle.FinishDriftCheck(record.Id, stored.Error is null ? "succeeded" : "failed", Json(stored));
            store.AuditLog.Record(record.TenantId, "server", "drift.finished", record.ModelId,
                stored.Error ?? $"drift check {record.Id}: {(stored.RetrainRecommended ? "retrain" : "not yet")}");
        }
        catch (Exception e)
        {
            // Only the type: a message may quote the table.
            lifecycle.FinishDriftCheck(record.Id, "failed", Json(pending with { Error = $"the check failed ({e.GetType().Name})" }));
            store.AuditLog.Record(record.TenantId, "server", "drift.failed", record.ModelId, $"drift check {record.Id} failed ({e.GetType().Name})");
            logger.LogError("Drift check {Id} failed: {Type}", record.Id, e.GetType().Name);
        }
    }

    static string Json(DriftCheckResult result) => JsonSerializer.Serialize(result, SynthDataJson.Options);

    public static DriftCheckResult Read(DriftCheckRecord record) =>
        JsonSerializer.Deserialize<DriftCheckResult>(record.ResultJson!, SynthDataJson.Options)!;
}
