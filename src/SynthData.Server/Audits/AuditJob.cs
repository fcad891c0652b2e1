using SynthData.Core.Audits;
using SynthData.Core.Governance.Release;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Synthesis;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;
using CoreAudit = SynthData.Core.Audits.Report.AuditReport;

namespace SynthData.Server.Audits;

/// <summary>
/// The work of an audit job: membership inference, leakage and (with canaries) the one-run empirical epsilon on the
/// model's own training and holdout rows, then report.json and report.html in the artifact store and the model's new
/// release state. The canary run trains on the model's own synthetic rows with secret coins: no private row, no
/// epsilon. Audits are CPU-heavy: at most one computes at a time. A cancel ends the job at once; the computation
/// it abandons records nothing (reports and release state are written only after the last cancellation check).
/// </summary>
public sealed class AuditJob(ServerStore store, PolicyStore policies, ILogger<AuditJob> logger)
{
    static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<JobCompletion> RunAsync(ModelRecord model, TrainingInput input, AuditJobParameters parameters, string actor,
        JobProgress progress, CancellationToken cancellationToken)
    {
        progress.Report(0, 0, 0, 0, 0, message: AuditJobParameters.AuditStage);
        var (result, source) = await Task.Run(() => Compute(model, input, parameters, actor, cancellationToken), CancellationToken.None)
            .WaitAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        // The lineage's drift check that led to this model, if any: DP outputs, shown in the report and the card.
        result = result with { Report = result.Report with { Drift = Lifecycle.DriftHistory.Before(store, model) } };

        progress.Report(0, 0, 0, 0, 0, message: AuditJobParameters.ReportStage);
        await StoreReportsAsync(model, result, source); // past the last cancellation check: written whole or the job fails

        var dataset = store.Datasets.Get(model.TenantId, model.DatasetId)!;
        var outcome = ReleaseStateMachine.AfterAudit(policies.Get(dataset.PolicyId), result.Report, store.Approvals.Latest(model.Id));
        store.Models.SetRelease(model.Id, outcome.State, ReleaseWorkflow.ToJson(outcome.Decision));
        store.AuditLog.Record(model.TenantId, actor, "model.audited", model.Id,
            $"{GovernanceSummary(result.Report)}; release {outcome.State.ToString().ToLowerInvariant()}");
        logger.LogInformation("Model {ModelId} audited: release state {State}", model.Id, outcome.State);
        return new JobCompletion(model.Id, "audited");
    }

    /// <summary>A claimed audit job's work, rebuilt from its row when it runs (another replica admitted it).</summary>
    public IJobWork WorkFor(JobRecord job) => new DelegateJobWork((progress, token) =>
    {
        var parameters = AuditJobParameters.FromJob(job) ?? throw new JobRebuildException("its parameters are not an audit's");
        var model = store.Models.Get(job.TenantId, parameters.ModelId) ?? throw new JobRebuildException("its model no longer exists");
        var (_, input) = JobRebuildException.DatasetOf(store, job.TenantId, model.DatasetId);
        return RunAsync(model, input, parameters, parameters.Actor ?? "server", progress, token);
    });

    /// <summary>
    /// Core writes report.json and report.html (raw-row figures) to a private folder of its own; both then go to the
    /// artifact store, html first, so a reader that finds the new report.json finds its page too.
    /// </summary>
    async Task StoreReportsAsync(ModelRecord model, ModelAuditResult result, SourceTable source)
    {
        string folder = PrivateFiles.CreateDirectory(Path.Combine(store.TempDirectory, ServerStore.NewId("audit")));
        try
        {
            var (json, html) = ModelAudit.Write(result, source, folder);
            await store.Artifacts.PutAsync(ReleaseWorkflow.ReportLocation(model, ReleaseWorkflow.ReportHtml), html, CancellationToken.None);
            await store.Artifacts.PutAsync(ReleaseWorkflow.ReportLocation(model, ReleaseWorkflow.ReportJson), json, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    (ModelAuditResult, SourceTable) Compute(ModelRecord model, TrainingInput input, AuditJobParameters parameters, string actor, CancellationToken cancellationToken)
    {
        OneAtATime.Wait(cancellationToken);
        try
        {
            using var trained = LoadArtifact(model, actor);
            var source = SourceTable.ForModel(input.Path, trained, input.FingerprintKey, input.ReadOptions);
            cancellationToken.ThrowIfCancellationRequested();
            // The canary run trains on the model's own synthetic rows with secret coins: no private row, no epsilon.
            var result = ModelAudit.Run(trained, source, new ModelAuditOptions { Canaries = parameters.Canaries, Seed = parameters.Seed });
            return (result, source);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>The artifact, or a failure the job's reasons can carry (the RPC already checked it once, as DATA_LOSS).</summary>
    TrainedModel LoadArtifact(ModelRecord model, string actor)
    {
        try
        {
            return ModelArtifacts.Load(store, model, actor);
        }
        catch (Grpc.Core.RpcException e)
        {
            throw new ModelArtifactException(e.Status.Detail);
        }
    }

    /// <summary>The audit's headline figures in one line, for the audit log and the report's summary.</summary>
    public static string GovernanceSummary(CoreAudit report)
    {
        var s = Core.Governance.Metadata.GovernanceMetadataBuilder.Summarise(report);
        return FormattableString.Invariant(
            $"max attack AUC upper {s.MaxMiaAucUpper:0.000}, TPR@1%FPR {s.MaxTprAt1PctFpr:0.000}, DCR share {s.DcrShare:0.000}, copies train {s.TrainCopyRate:0.0000} vs holdout {s.HoldoutCopyRate:0.0000}, PII replays {s.PiiReplays}")
            + (s.EmpiricalEpsilon is { } e ? FormattableString.Invariant($", canary epsilon >= {e:0.###}") : "");
    }
}
