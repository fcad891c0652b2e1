using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Server.Security;
using SynthData.Server.Storage;

namespace SynthData.Server.Services;

/// <summary>
/// The audit log works now; policies, budgets and reviews answer UNIMPLEMENTED until the policy
/// store and the SQLite privacy ledger from Core Governance are wired (phase B).
/// </summary>
public sealed class GovernanceServiceImpl(ServerStore store) : GovernanceService.GovernanceServiceBase
{
    const int DefaultLogLimit = 100, MaxLogLimit = 1000;

    static RpcException NotYet(string what) => new(new Status(StatusCode.Unimplemented, $"{what} is not wired into the server yet."));

    public override Task<ListPoliciesResponse> ListPolicies(ListPoliciesRequest request, ServerCallContext context) => throw NotYet("The policy store");
    public override Task<BudgetStatus> GetBudget(GetBudgetRequest request, ServerCallContext context) => throw NotYet("The privacy ledger");
    public override Task<ReviewResponse> ApproveRelease(ReviewRequest request, ServerCallContext context) => throw NotYet("Release review");
    public override Task<ReviewResponse> RejectRelease(ReviewRequest request, ServerCallContext context) => throw NotYet("Release review");

    public override Task<ListAuditLogResponse> ListAuditLog(ListAuditLogRequest request, ServerCallContext context)
    {
        int limit = request.Limit <= 0 ? DefaultLogLimit : Math.Min(request.Limit, MaxLogLimit);
        var response = new ListAuditLogResponse();
        response.Entries.AddRange(store.ReadLog(Caller.Of(context).TenantId, request.SubjectId, limit).Select(e => e.ToProto()));
        return Task.FromResult(response);
    }
}
