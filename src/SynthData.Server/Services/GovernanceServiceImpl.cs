using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Governance.Release;
using SynthData.Server.Governance;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>Policies, budgets, reviewers' release decisions and the audit log.</summary>
public sealed class GovernanceServiceImpl(ServerStore store, PolicyStore policies, DatasetLedger ledger, ILogger<GovernanceServiceImpl> logger)
    : GovernanceService.GovernanceServiceBase
{
    const int DefaultLogPageSize = 100, MaxCommentLength = 2000;

    public override Task<ListPoliciesResponse> ListPolicies(ListPoliciesRequest request, ServerCallContext context)
    {
        var (page, next) = Paging.Page(policies.All, p => p.Policy.Id, request.PageSize, request.PageToken, scope: "policies");
        var response = new ListPoliciesResponse { NextPageToken = next };
        response.Policies.AddRange(page.Select(p => new Policy
        {
            Id = p.Policy.Id,
            Version = p.Policy.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Description = p.Policy.Description,
            Text = p.Text,
        }));
        return Task.FromResult(response);
    }

    public override Task<BudgetStatus> GetBudget(GetBudgetRequest request, ServerCallContext context)
    {
        var dataset = store.Datasets.Get(Caller.Of(context).TenantId, RequestIds.Require(request.DatasetId, "dataset_id"))
                      ?? throw DatasetServiceImpl.NotFound(request.DatasetId);
        var status = ledger.Status(dataset, policies.Get(dataset.PolicyId).LifetimeEpsilonBudget);
        status.Versions.AddRange(Lifecycle.BudgetLineage.Of(store, ledger.Ledger, dataset, status.Delta)); // which runs read which version
        return Task.FromResult(status);
    }

    public override Task<ReviewResponse> ApproveRelease(ReviewRequest request, ServerCallContext context) => Task.FromResult(Review(request, context, approve: true));

    public override Task<ReviewResponse> RejectRelease(ReviewRequest request, ServerCallContext context) => Task.FromResult(Review(request, context, approve: false));

    /// <summary>
    /// Records the reviewer's decision and recomputes the release decision with it. Approval needs a finished audit
    /// that passes the policy (a reviewer cannot override failing evidence); rejection is possible at any point after
    /// the audit, also to withdraw a release. The latest review counts.
    /// </summary>
    ReviewResponse Review(ReviewRequest request, ServerCallContext context, bool approve)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(request.Comment.Length <= MaxCommentLength, "comment", $"must be at most {MaxCommentLength} characters");
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        var audit = ReleaseWorkflow.LoadReport(store, model);
        if (audit is null)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}' has not been audited yet: run the audit before reviewing it."));
        var dataset = store.Datasets.Get(caller.TenantId, model.DatasetId)!;
        var policy = policies.Get(dataset.PolicyId);
        var (outcome, _) = ReleaseStateMachine.Review(policy, audit, approve);
        // A reviewer cannot override failing evidence: the denial lists the policy's reasons (one precondition violation each).
        if (outcome is null) throw new PolicyDeniedException(ReleaseStateMachine.Decide(policy, audit, true).Decision);
        var (decision, state) = (outcome.Decision, outcome.State);
        var reviewer = approve ? new ReviewerApproval(caller.Actor, DateTimeOffset.UtcNow) : null;
        store.Approvals.Insert(model.Id, caller.KeyId, approve, request.Comment);
        store.Models.SetRelease(model.Id, state, ReleaseWorkflow.ToJson(decision), reviewer is null ? null : ReleaseWorkflow.ToJson(reviewer));
        string verb = approve ? "approved" : "rejected";
        store.AuditLog.Record(caller.TenantId, caller.Actor, $"model.{verb}", model.Id,
            $"release {state.ToString().ToLowerInvariant()}" + (request.Comment.Length > 0 ? $"; comment: {request.Comment}" : ""));
        logger.LogInformation("Model {ModelId} {Verb} by {KeyId}: release state {State}", model.Id, verb, caller.KeyId, state);
        return new ReviewResponse { ModelId = model.Id, Released = state == ReleaseState.Released, ReleaseDecision = decision.ToProto(), ReleaseState = state.ToProto() };
    }

    public override Task<ListAuditLogResponse> ListAuditLog(ListAuditLogRequest request, ServerCallContext context)
    {
        string? subject = RequestIds.Optional(request.SubjectId, "subject_id");
        string tenantId = Caller.Of(context).TenantId;
        // Newest first, continuing below the last entry's sequence number (a key the store issued, so it parses).
        var (page, next) = Paging.Page((size, after) => store.AuditLog.Read(tenantId, subject, size, after is null ? null
                : long.TryParse(after, System.Globalization.CultureInfo.InvariantCulture, out long seq) ? seq
                : throw FieldViolations.Invalid("page_token", "is not a page token this server issued")),
            request.PageSize, request.PageToken, scope: "audit_log/" + subject, DefaultLogPageSize);
        var response = new ListAuditLogResponse { NextPageToken = next };
        response.Entries.AddRange(page.Select(e => e.ToProto()));
        return Task.FromResult(response);
    }
}
