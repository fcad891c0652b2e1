using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Services;

/// <summary>
/// UNIMPLEMENTED until phase B. Plug-in: RunAudit looks the model up by tenant (models table), loads
/// the artifact and the dataset's training/holdout rows (refuse when raw data is erased), runs Core
/// Audits as a job of kind 'audit' through JobQueue, stores the report, and sets release_state.
/// </summary>
public sealed class AuditServiceImpl : AuditService.AuditServiceBase
{
    static RpcException NotYet() => new(new Status(StatusCode.Unimplemented, "Audits are not wired into the server yet."));

    public override Task<AuditReport> RunAudit(RunAuditRequest request, ServerCallContext context) => throw NotYet();
    public override Task<AuditReport> GetAuditReport(GetAuditReportRequest request, ServerCallContext context) => throw NotYet();
}
