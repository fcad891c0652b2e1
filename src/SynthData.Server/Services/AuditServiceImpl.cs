using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core.Audits;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model;
using SynthData.Core.Synthesis;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Validation;
using CoreAudit = SynthData.Core.Audits.Report.AuditReport;

namespace SynthData.Server.Services;

/// <summary>
/// Audits a model against its own training and holdout rows (rebuilt from the artifact's split, refused once the
/// raw rows are erased), stores report.json and report.html beside the artifact, and moves the model to its
/// release state under the dataset's policy. A canary audit trains on the model's own synthetic rows with
/// secret coins, so it reads no private row and costs no epsilon. Audits are CPU-heavy:
/// at most one runs at a time, beside the training queue.
/// </summary>
public sealed class AuditServiceImpl(ServerStore store, PolicyStore policies, ILogger<AuditServiceImpl> logger)
    : AuditService.AuditServiceBase
{
    const int MaxCanaries = 10_000;
    static readonly SemaphoreSlim OneAtATime = new(1, 1);

    internal static RpcException ModelNotFound(string id) => new(new Status(StatusCode.NotFound, $"No model '{RequestIds.Quote(id)}'."));

    /// <summary>The caller's model, after checking the id's shape (INVALID_ARGUMENT) and the tenant (NOT_FOUND).</summary>
    internal static ModelRecord FindModel(ServerStore store, Caller caller, string modelId) =>
        store.Models.Get(caller.TenantId, RequestIds.Require(modelId, "model_id")) ?? throw ModelNotFound(modelId);

    public override async Task<AuditReport> RunAudit(RunAuditRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(request.Canaries is >= 0 and <= MaxCanaries, "canaries", $"must be between 0 and {MaxCanaries}");
        FieldViolations.Require(request.Seed is >= int.MinValue and <= int.MaxValue, "seed", "must fit in 32 bits");
        var model = FindModel(store, caller, request.ModelId);
        if (model.ReleaseState == ReleaseState.Released)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}' is already released; reject it first to audit it again."));
        var dataset = store.Datasets.Get(caller.TenantId, model.DatasetId)!;
        var input = DatasetInput.For(dataset, store.FingerprintKey); // FAILED_PRECONDITION once erased: the audit needs the members and the holdout
        var policy = policies.Get(dataset.PolicyId);

        await OneAtATime.WaitAsync(context.CancellationToken);
        CoreAudit report;
        try
        {
            report = await Task.Run(() =>
            {
                using var trained = ModelArtifacts.Load(store, model, caller.Actor);
                var source = SourceTable.ForModel(input.Path, trained, input.FingerprintKey, input.ReadOptions);
                // The canary run trains on the model's own synthetic rows with secret coins: no private row, no epsilon.
                var result = ModelAudit.Run(trained, source, new ModelAuditOptions { Canaries = request.Canaries, Seed = (int)request.Seed });
                string reports = PrivateFiles.CreateDirectory(ReleaseWorkflow.ReportDirectory(model));
                ModelAudit.Write(result, source, reports);
                PrivateFiles.Restrict(reports); // raw-row figures, written by Core with default modes
                return result.Report;
            }, context.CancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }

        var (decision, state) = ReleaseWorkflow.Decide(policy, report, ReleaseWorkflow.ReviewStandingAfterAudit(store.Approvals.Latest(model.Id)));
        store.Models.SetRelease(model.Id, state, ReleaseWorkflow.ToJson(decision));
        var summary = GovernanceSummary(report);
        store.AuditLog.Record(caller.TenantId, caller.Actor, "model.audited", model.Id, $"{summary}; release {state.ToString().ToLowerInvariant()}");
        logger.LogInformation("Model {ModelId} audited: release state {State}", model.Id, state);
        return ToProto(store.Models.Get(caller.TenantId, model.Id)!, report, decision, policy, includeHtml: true);
    }

    public override Task<AuditReport> GetAuditReport(GetAuditReportRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var model = FindModel(store, caller, request.ModelId);
        var report = ReleaseWorkflow.LoadReport(model)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Model '{model.Id}' has not been audited yet (RunAudit)."));
        var decision = ReleaseWorkflow.FromJson<Core.Governance.Decisions.PolicyDecision>(model.ReleaseDecisionJson)!;
        var dataset = store.Datasets.Get(caller.TenantId, model.DatasetId)!;
        return Task.FromResult(ToProto(model, report, decision, policies.Get(dataset.PolicyId), includeHtml: true));
    }

    static string GovernanceSummary(CoreAudit report)
    {
        var s = Core.Governance.Metadata.GovernanceMetadataBuilder.Summarise(report);
        return FormattableString.Invariant(
            $"max attack AUC upper {s.MaxMiaAucUpper:0.000}, TPR@1%FPR {s.MaxTprAt1PctFpr:0.000}, DCR share {s.DcrShare:0.000}, copies train {s.TrainCopyRate:0.0000} vs holdout {s.HoldoutCopyRate:0.0000}, PII replays {s.PiiReplays}")
            + (s.EmpiricalEpsilon is { } e ? FormattableString.Invariant($", canary epsilon >= {e:0.###}") : "");
    }

    AuditReport ToProto(ModelRecord model, CoreAudit report, Core.Governance.Decisions.PolicyDecision decision,
        Core.Governance.Policies.ReleasePolicy policy, bool includeHtml)
    {
        bool auditPasses = Core.Governance.Decisions.PolicyEvaluator.Release(policy,
            Core.Governance.Metadata.GovernanceMetadataBuilder.Evidence(report, reviewerApproved: true)).Allowed;
        var message = new AuditReport
        {
            ModelId = model.Id,
            Verdict = auditPasses ? "pass" : "fail",
            Summary = $"{report.Verdict} {GovernanceSummary(report)}. Release: " +
                      (decision.Allowed ? "released." : model.ReleaseState == ReleaseState.Audited
                          ? "the audit passes; the policy requires a reviewer's approval."
                          : "denied: " + string.Join("; ", decision.Reasons) + "."),
            ReleaseDecision = decision.ToProto(),
            ReportJson = File.ReadAllText(ReleaseWorkflow.ReportJsonPath(model)),
            ReportHtml = includeHtml && File.Exists(ReleaseWorkflow.ReportHtmlPath(model)) ? File.ReadAllText(ReleaseWorkflow.ReportHtmlPath(model)) : "",
        };
        if (report.Guarantee is { } g) message.Guarantee = new PrivacyGuarantee { Epsilon = g.Epsilon, Delta = g.Delta, Accountant = g.Accountant };
        return message;
    }
}
