using Google.Protobuf;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core.Governance.Release;
using SynthData.Server.Audits;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>
/// Audits as jobs: RunAudit checks what can be checked at once (the model, its artifact, the raw rows still there, no
/// audit already under way) and queues an <see cref="AuditJob"/>; JobService follows and cancels it. The report is
/// read back with GetAuditReport (JSON and summary) and StreamAuditReportHtml (the page, in chunks).
/// </summary>
public sealed class AuditServiceImpl(ServerStore store, PolicyStore policies, JobQueue queue, AuditJob audits) : AuditService.AuditServiceBase
{
    const int MaxCanaries = 10_000, HtmlChunkBytes = 1 << 20;

    internal static RpcException ModelNotFound(string id) => new(new Status(StatusCode.NotFound, $"No model '{RequestIds.Quote(id)}'."));

    /// <summary>The caller's model, after checking the id's shape (INVALID_ARGUMENT) and the tenant (NOT_FOUND).</summary>
    internal static ModelRecord FindModel(ServerStore store, Caller caller, string modelId) =>
        store.Models.Get(caller.TenantId, RequestIds.Require(modelId, "model_id")) ?? throw ModelNotFound(modelId);

    public override Task<Job> RunAudit(RunAuditRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(request.Canaries is >= 0 and <= MaxCanaries, "canaries", $"must be between 0 and {MaxCanaries}");
        FieldViolations.Require(request.Seed is >= int.MinValue and <= int.MaxValue, "seed", "must fit in 32 bits");
        var model = FindModel(store, caller, request.ModelId);
        if (ReleaseStateMachine.WhyNotAuditable(model.ReleaseState) is { } why)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}': {why}."));
        if (AuditsOf(caller.TenantId, model).Any(j => !j.State.IsTerminal()))
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}' is already being audited; watch or cancel that job first."));
        var dataset = store.Datasets.Get(caller.TenantId, model.DatasetId)!;
        var input = DatasetInput.For(store, dataset); // FAILED_PRECONDITION once erased: the audit needs the members and the holdout
        policies.Get(dataset.PolicyId); // FAILED_PRECONDITION when the policy is no longer configured
        ModelArtifacts.Load(store, model, caller.Actor).Dispose(); // DATA_LOSS now rather than a failed job later

        var parameters = new AuditJobParameters(model.Id, request.Canaries, (int)request.Seed, caller.Actor);
        var work = new DelegateJobWork((progress, token) => audits.RunAsync(model, input, parameters, caller.Actor, progress, token));
        var job = queue.Submit(() => store.Jobs.Insert(caller.TenantId, dataset.Id, AuditJobParameters.Kind, 0, 0, 0, parameters.ToJson()), work);
        store.AuditLog.Record(caller.TenantId, caller.Actor, "audit.queued", job.Id, $"model {model.Id}, {request.Canaries} canaries");
        return Task.FromResult(job.ToProto());
    }

    /// <summary>The model's audit jobs, oldest first.</summary>
    IEnumerable<JobRecord> AuditsOf(string tenantId, ModelRecord model) =>
        store.Jobs.List(tenantId, model.DatasetId).Where(j => AuditJobParameters.FromJob(j)?.ModelId == model.Id);

    public override Task<AuditReport> GetAuditReport(GetAuditReportRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var model = FindModel(store, caller, request.ModelId);
        var report = LoadReport(model);
        var dataset = store.Datasets.Get(caller.TenantId, model.DatasetId)!;
        // The stored decision and state stand (a review may have moved them since the audit); Core gives the verdict.
        var standing = new ReleaseOutcome(ReleaseWorkflow.FromJson<Core.Governance.Decisions.PolicyDecision>(model.ReleaseDecisionJson)!, model.ReleaseState,
            ReleaseStateMachine.AuditPasses(policies.Get(dataset.PolicyId), report));
        var message = new AuditReport
        {
            ModelId = model.Id,
            Verdict = standing.AuditPasses ? AuditVerdict.Pass : AuditVerdict.Fail,
            Summary = $"{report.Verdict} {AuditJob.GovernanceSummary(report)}. Release: {standing.Describe()}",
            ReleaseDecision = standing.Decision.ToProto(),
            ReleaseState = model.ReleaseState.ToProto(),
            ReportJson = ReleaseWorkflow.ReadReportJson(store, model) ?? throw NotAudited(model),
            AuditJobId = AuditsOf(caller.TenantId, model).LastOrDefault(j => j.State == Storage.JobState.Succeeded)?.Id ?? "",
        };
        if (report.Guarantee is { } g) message.Guarantee = new PrivacyGuarantee { Epsilon = g.Epsilon, Delta = g.Delta, Accountant = g.Accountant };
        return Task.FromResult(message);
    }

    public override async Task StreamAuditReportHtml(GetAuditReportRequest request, IServerStreamWriter<AuditReportChunk> responseStream, ServerCallContext context)
    {
        var model = FindModel(store, Caller.Of(context), request.ModelId);
        LoadReport(model);
        Stream html;
        try
        {
            html = store.Artifacts.OpenRead(ReleaseWorkflow.ReportLocation(model, ReleaseWorkflow.ReportHtml));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Model '{model.Id}' has no HTML report; audit it again to write one."));
        }
        await using var _ = html;
        var buffer = new byte[HtmlChunkBytes];
        int read;
        while ((read = await html.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.CancellationToken)) > 0)
            await responseStream.WriteAsync(new AuditReportChunk { Data = ByteString.CopyFrom(buffer, 0, read) }, context.CancellationToken);
    }

    Core.Audits.Report.AuditReport LoadReport(ModelRecord model) => ReleaseWorkflow.LoadReport(store, model) ?? throw NotAudited(model);

    static RpcException NotAudited(ModelRecord model) =>
        new(new Status(StatusCode.NotFound, $"Model '{model.Id}' has not been audited yet (RunAudit, then wait for the job)."));
}
