using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core.Governance.Release;
using SynthData.Core.Drift;
using SynthData.Server.Governance;
using SynthData.Server.Lifecycle;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>Drift checks, a lineage's models, the current model, rollback and withdrawal (issue 18). Every change is in the audit log.</summary>
public sealed class ModelLifecycleServiceImpl(ServerStore store, DriftCheckRunner drift, PolicyStore policies,
    ILogger<ModelLifecycleServiceImpl> logger) : ModelLifecycleService.ModelLifecycleServiceBase
{
    const int MaxCommentLength = 2000;

    public override Task<Job> StartDriftCheck(StartDriftCheckRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        var dataset = Dataset(caller, request.DatasetId);
        FieldViolations.Require(!request.HasEpsilon || request.Epsilon is > 0 and <= 10, "epsilon", "must be in (0, 10] (leave it unset for the default)");
        FieldViolations.Require(!request.HasTolerance || request.Tolerance is >= 0 and < 1, "tolerance", "must be in [0, 1) (leave it unset for the default)");
        var defaults = new DriftSettings();
        var settings = defaults with
        {
            Epsilon = request.HasEpsilon ? request.Epsilon : defaults.Epsilon,
            Tolerance = request.HasTolerance ? request.Tolerance : defaults.Tolerance,
        };
        return Task.FromResult(drift.Start(caller.TenantId, caller.Actor, model, dataset, settings).ToProto());
    }

    public override Task<Api.V1.DriftCheck> GetDriftCheck(GetDriftCheckRequest request, ServerCallContext context)
    {
        string id = RequestIds.Require(request.DriftCheckId, "drift_check_id");
        string tenantId = Caller.Of(context).TenantId;
        var check = store.Lifecycle.GetDriftCheck(tenantId, id)
                    ?? throw new RpcException(new Status(StatusCode.NotFound, $"No drift check '{RequestIds.Quote(id)}'."));
        return Task.FromResult(DriftCheckProto.Of(check, store.Jobs.Get(tenantId, check.JobId)!));
    }

    public override Task<ListDatasetModelsResponse> ListDatasetModels(ListDatasetModelsRequest request, ServerCallContext context)
    {
        var lineage = ModelLineage.Of(store, Dataset(Caller.Of(context), request.DatasetId));
        var response = new ListDatasetModelsResponse { CurrentModelId = lineage.Current?.Id ?? "" };
        response.Models.AddRange(lineage.Models.Select((m, i) => new LifecycleModel
        {
            ModelId = m.Id, DatasetId = m.DatasetId, ReleaseState = m.ReleaseState.ToProto(), Version = i + 1,
            Current = m.Id == lineage.Current?.Id, CreateTime = Timestamp.FromDateTimeOffset(m.CreatedAt),
        }));
        return Task.FromResult(response);
    }

    public override Task<CurrentModel> GetCurrentModel(GetCurrentModelRequest request, ServerCallContext context)
    {
        var dataset = Dataset(Caller.Of(context), request.DatasetId);
        return Task.FromResult(Current(dataset, ModelLineage.Of(store, dataset)));
    }

    public override Task<CurrentModel> SetCurrentModel(SetCurrentModelRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(request.Comment.Length <= MaxCommentLength, "comment", $"must be at most {MaxCommentLength} characters");
        var dataset = Dataset(caller, request.DatasetId);
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        var lineage = ModelLineage.Of(store, dataset);
        if (lineage.VersionOf(model) == 0)
            throw FieldViolations.Invalid("model_id", $"model '{model.Id}' was not trained on any version of dataset '{dataset.Id}'");
        if (model.ReleaseState != ReleaseState.Released)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}' is not released; only a released model can be current."));
        bool rollback = lineage.Current is { } current && lineage.VersionOf(model) < lineage.VersionOf(current);
        store.Lifecycle.Pin(caller.TenantId, lineage.LedgerKey, model.Id);
        string action = rollback ? "model.rolled_back" : "model.current_set";
        store.AuditLog.Record(caller.TenantId, caller.Actor, action, model.Id,
            $"current model of dataset {dataset.Id}: {model.Id} (was {lineage.Current?.Id ?? "none"})" + (request.Comment.Length > 0 ? $"; comment: {request.Comment}" : ""));
        logger.LogInformation("{Action}: dataset {DatasetId} now serves {ModelId}", action, dataset.Id, model.Id);
        return Task.FromResult(Current(dataset, ModelLineage.Of(store, dataset)));
    }

    public override Task<CurrentModel> WithdrawModel(WithdrawModelRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(request.Comment.Length <= MaxCommentLength, "comment", $"must be at most {MaxCommentLength} characters");
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        var audit = ReleaseWorkflow.LoadReport(store, model);
        if (model.ReleaseState != ReleaseState.Released || audit is null)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}' is not released; there is nothing to withdraw."));
        var dataset = store.Datasets.Get(caller.TenantId, model.DatasetId)!;
        // A withdrawal is a reviewer's rejection: it stands until a reviewer approves again.
        var (decision, state, _) = ReleaseStateMachine.Decide(policies.Get(dataset.PolicyId), audit, false);
        store.Approvals.Insert(model.Id, caller.KeyId, false, request.Comment);
        store.Models.SetRelease(model.Id, state, ReleaseWorkflow.ToJson(decision));
        var lineage = ModelLineage.Of(store, dataset);
        if (store.Lifecycle.PinnedModel(caller.TenantId, lineage.LedgerKey) == model.Id) store.Lifecycle.Unpin(caller.TenantId, lineage.LedgerKey);
        store.AuditLog.Record(caller.TenantId, caller.Actor, "model.withdrawn", model.Id,
            $"release withdrawn; current model of dataset {dataset.Id}: {lineage.Current?.Id ?? "none"}" + (request.Comment.Length > 0 ? $"; comment: {request.Comment}" : ""));
        return Task.FromResult(Current(dataset, lineage));
    }

    DatasetRecord Dataset(Caller caller, string id) =>
        store.Datasets.Get(caller.TenantId, RequestIds.Require(id, "dataset_id")) ?? throw DatasetServiceImpl.NotFound(id);

    static CurrentModel Current(DatasetRecord dataset, ModelLineage lineage) => new()
    {
        DatasetId = dataset.Id,
        ModelId = lineage.Current?.Id ?? "",
        Version = lineage.Current is { } current ? lineage.VersionOf(current) : 0,
        Pinned = lineage.Pinned,
    };
}
