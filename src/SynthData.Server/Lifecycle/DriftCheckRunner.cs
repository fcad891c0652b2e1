using Grpc.Core;
using SynthData.Core.Drift;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;

namespace SynthData.Server.Lifecycle;

/// <summary>
/// Drift checks as jobs of kind "drift". Start computes the cost, reserves it in the lineage's ledger and queues the
/// job before it returns (over budget: FAILED_PRECONDITION, nothing queued); the work makes the one DP read of the new
/// version's rows, settles the charge at once, then compares for free. JobService watches and cancels it like any job;
/// erasing the new version cancels it. A check stopped before its read gives the reservation back, after it stays charged.
/// </summary>
public sealed class DriftCheckRunner(ServerStore store, JobQueue queue, DatasetLedger ledger, PolicyStore policies, ILogger<DriftCheckRunner> logger)
{
    public JobRecord Start(string tenantId, string actor, ModelRecord model, DatasetRecord newVersion, DriftSettings settings)
    {
        var modelDataset = store.Datasets.Get(tenantId, model.DatasetId)!;
        string key = DatasetLedger.KeyOf(modelDataset);
        if (DatasetLedger.KeyOf(newVersion) != key)
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Dataset '{newVersion.Id}' is not a version of the model's dataset: upload it with version_of = {modelDataset.Id}, so that both share one budget."));
        if (newVersion.Erased) throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Dataset '{newVersion.Id}' was erased."));
        DriftNoise noise;
        using (var trained = ModelArtifacts.Load(store, model, actor))
            noise = DriftCheck.NoiseFor(trained, settings, LedgeredDriftCheck.DeltaFor(ledger.Ledger, key, trained));
        var cost = LedgeredDriftCheck.Cost(ledger.Ledger, new BestOfAccountants(), key, noise, policies.Get(modelDataset.PolicyId).LifetimeEpsilonBudget);
        string runId = ServerStore.NewId("run");
        var (admitted, charged) = cost.WithinBudget ? LedgeredDriftCheck.Reserve(ledger.Ledger, cost, runId, noise) : (false, cost);
        if (!admitted)
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"The check would bring the dataset's lifetime epsilon to {charged.LifetimeAfter:0.###}, above its budget of {charged.LifetimeBudget:0.###}."));
        var parameters = new DriftJobParameters(model.Id, newVersion.Id, key, settings, noise, runId, cost);
        JobRecord job;
        try
        {
            job = queue.Submit(() =>
            {
                var inserted = store.Jobs.Insert(tenantId, newVersion.Id, DriftJobParameters.Kind, 1, cost.CheckEpsilon, cost.Delta, parameters.ToJson());
                store.Lifecycle.InsertDriftCheck(new DriftCheckRecord(inserted.Id, tenantId, model.Id, newVersion.Id, key, null, inserted.CreatedAt, null));
                return inserted;
            }, WorkFor(tenantId, parameters));
        }
        catch
        {
            ledger.Ledger.ReleaseReservation(runId); // never queued: nothing read, nothing owed
            throw;
        }
        store.AuditLog.Record(tenantId, actor, "drift.started", model.Id, FormattableString.Invariant(
            $"drift check {job.Id} of dataset {newVersion.Id}, epsilon {cost.CheckEpsilon:0.###}, lifetime epsilon {cost.LifetimeBefore:0.###} -> {cost.LifetimeAfter:0.###}"));
        return job;
    }

    /// <summary>The work of a stored drift job (for any replica that claims it); null for jobs of other kinds.</summary>
    public IJobWork? WorkFor(JobRecord job) => DriftJobParameters.FromJob(job) is { } parameters ? WorkFor(job.TenantId, parameters) : null;

    IJobWork WorkFor(string tenantId, DriftJobParameters parameters) =>
        new DelegateJobWork((progress, token) => Task.FromResult(Run(tenantId, parameters, progress, token)));

    JobCompletion Run(string tenantId, DriftJobParameters p, JobProgress progress, CancellationToken cancellationToken)
    {
        bool read = false;
        try
        {
            var model = store.Models.Get(tenantId, p.ModelId) ?? throw new InvalidOperationException("The checked model is gone.");
            var dataset = store.Datasets.Get(tenantId, p.DatasetId) ?? throw new InvalidOperationException("The new version is gone.");
            using var trained = ModelArtifacts.Load(store, model, "server");
            Core.Tabular.TabularData rows;
            using (var reader = TableReaders.Open(DatasetInput.LocalPath(store, dataset), DatasetInput.ReadOptions(dataset)))
                rows = TableLoader.Load(reader, trained.Manifest.Schema);
            progress.Report(0, 1, 0, p.Noise.NoiseMultiplier, 0, message: DriftJobParameters.MeasureStage);
            cancellationToken.ThrowIfCancellationRequested(); // the last point where stopping costs nothing
            read = true; // from here the rows may be released (a failed read gives the reservation back itself)
            var released = LedgeredDriftCheck.MeasureReserved(ledger.Ledger, p.LedgerRunId, trained, rows, p.Settings, p.Noise, RunRandomness.Secure());
            progress.Report(1, 1, p.Noise.Epsilon, p.Noise.NoiseMultiplier, 0, message: DriftJobParameters.CompareStage);
            var report = DriftCheck.Compare(trained, released, p.Settings, p.Noise, RandomnessMode.Secure, cancellationToken);
            var result = new DriftCheckResult(p.Noise.Epsilon, p.Noise.Delta, p.Cost.LifetimeAfter, report.Columns, report.RetrainRecommended, report.Recommendation);
            store.Lifecycle.FinishDriftCheck(progress.Job.Id, result.ToJson());
            store.AuditLog.Record(tenantId, "server", "drift.finished", p.ModelId,
                $"drift check {progress.Job.Id}: {(report.RetrainRecommended ? $"retrain ({string.Join(", ", report.Drifted)} drifted)" : "not yet")}");
            logger.LogInformation("Drift check {JobId} finished", progress.Job.Id);
            return new JobCompletion(p.ModelId, "checked");
        }
        finally
        {
            // Stopped (cancel, erasure, failure) before the read: nothing released, the reservation goes back; after it, charged.
            SettleUnsettled(ledger.Ledger, p, mayHaveRead: read);
        }
    }

    /// <summary>
    /// Settles a drift job's reservation that its work did not: given back when no row was read, charged in full when
    /// one may have been (a crash or a failed write after the read). False when nothing was left to settle.
    /// </summary>
    public static bool SettleUnsettled(IPrivacyBudgetLedger ledger, DriftJobParameters parameters, bool mayHaveRead)
    {
        var entry = ledger.Entries(parameters.LineageKey).FirstOrDefault(e => e.RunId == parameters.LedgerRunId);
        if (entry is null || entry.State != LedgerState.Reserved) return false;
        if (mayHaveRead) ledger.Settle(parameters.LedgerRunId, entry.Event);
        else ledger.ReleaseReservation(parameters.LedgerRunId);
        return true;
    }
}
