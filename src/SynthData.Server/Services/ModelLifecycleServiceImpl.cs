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
public sealed class ModelLifecycleServiceImpl(ServerStore store, LifecycleStore lifecycle, DriftCheckRunner drift, PolicyStore policies,
    ILogger<ModelLifecycleServiceImpl> logger) : ModelLifecycleService.ModelLifecycleServiceBase
{
    const int MaxCommentLength = 2000;

    public override Task<Api.V1.DriftCheck> StartDriftCheck(StartDriftCheckRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        var dataset = Dataset(caller, request.DatasetId);
        FieldViolations.Require(request.Epsilon is 0 or (> 0 and <= 10), "epsilon", "must be in (0, 10] (0 uses the default)");
        FieldViolations.Require(request.Tolerance is >= 0 and < 1, "tolerance", "must be in [0, 1) (0 uses the default)");
        var defaults = new DriftSettings();
        var settings = defaults with
        {
            Epsilon = request.Epsilon > 0 ? request.Epsilon : defaults.Epsilon,
            Tolerance = request.Tolerance > 0 ? request.Tolerance : defaults.Tolerance,
        };
        return Task.FromResult(ToProto(drift.Start(caller.TenantId, caller.Actor, model, dataset, settings)));
    }

    public override Task<Api.V1.DriftCheck> GetDriftCheck(GetDriftCheckRequest request, ServerCallContext context)
    {
        string id = RequestIds.Require(request.DriftCheckId, "drift_check_id");
        var check = lifecycle.GetDriftCheck(Caller.Of(context).TenantId, id)
                    ?? throw new RpcException(new Status(StatusCode.NotFound, $"No drift check '{RequestIds.Quote(id)}'."));
        return Task.FromResult(ToProto(check));
    }

    public override Task<ListDatasetModelsResponse> ListDatasetModels(ListDatasetModelsRequest request, ServerCallContext context)
    {
        var lineage = ModelLineage.Of(store, lifecycle, Dataset(Caller.Of(context), request.DatasetId));
        var response = new ListDatasetModelsResponse { CurrentModelId = lineage.Current?.Id ?? "" };
        response.Models.AddRange(lineage.Models.Select((m, i) => new LifecycleModel
        {
            ModelId = m.Id, DatasetId = m.DatasetId, ReleaseState = m.ReleaseState.ToString().ToLowerInvariant(), Version = i + 1,
            Current = m.Id == lineage.Current?.Id, CreatedAt = Timestamp.FromDateTimeOffset(m.CreatedAt),
        }));
        return Task.FromResult(response);
    }

    public override Task<CurrentModel> GetCurrentModel(GetCurrentModelRequest request, ServerCallContext context)
    {
        var dataset = Dataset(Caller.Of(context), request.DatasetId);
        return Task.FromResult(Current(dataset, ModelLineage.Of(store, lifecycle, dataset)));
    }

    public override Task<CurrentModel> SetCurrentModel(SetCurrentModelRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(request.Comment.Length <= MaxCommentLength, "comment", $"must be at most {MaxCommentLength} characters");
        var dataset = Dataset(caller, request.DatasetId);
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        var lineage = ModelLineage.Of(store, lifecycle, dataset);
        if (lineage.VersionOf(model) == 0)
            throw FieldViolations.Invalid("model_id", $"model '{model.Id}' was not trained on any version of dataset '{dataset.Id}'");
        if (model.ReleaseState != ReleaseState.Released)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}' is not released; only a released model can be current."));
        bool rollback = lineage.Current is { } current && lineage.VersionOf(model) < lineage.VersionOf(current);
        lifecycle.Pin(caller.TenantId, lineage.LedgerKey, model.Id);
        string action = rollback ? "model.rolled_back" : "model.current_set";
        store.AuditLog.Record(caller.TenantId, caller.Actor, action, model.Id,
            $"current model of dataset {dataset.Id}: {model.Id} (was {lineage.Current?.Id ?? "none"})" + (request.Comment.Length > 0 ? $"; comment: {request.Comment}" : ""));
        logger.LogInformation("{Action}: dataset {DatasetId} now serves {ModelId}", action, dataset.Id, model.Id);
        return Task.FromResult(Current(dataset, ModelLineage.Of(store, lifecycle, dataset)));
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
        var lineage = ModelLineage.Of(store, lifecycle, dataset);
        if (lifecycle.PinnedModel(caller.TenantId, lineage.LedgerKey) == model.Id) lifecycle.Unpin(caller.TenantId, lineage.LedgerKey);
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

    static Api.V1.DriftCheck ToProto(DriftCheckRecord record)
    {
        var result = DriftCheckRunner.Read(record);
        var proto = new Api.V1.DriftCheck
        {
            Id = record.Id, ModelId = record.ModelId, DatasetId = record.DatasetId,
            State = record.State switch { "running" => DriftCheckState.Running, "succeeded" => DriftCheckState.Succeeded, _ => DriftCheckState.Failed },
            Epsilon = result.Epsilon, Delta = result.Delta, LifetimeEpsilonAfter = result.LifetimeEpsilonAfter,
            RetrainRecommended = result.RetrainRecommended, Recommendation = result.Recommendation,
            Error = result.Error ?? (record.State == "failed" ? "the server stopped during the check" : ""),
            CreatedAt = Timestamp.FromDateTimeOffset(record.CreatedAt),
        };
        proto.Columns.AddRange(result.Columns.Select(c => new Api.V1.ColumnDrift
        {
            Column = c.Column, Distance = c.Distance == DriftDistanceKind.TotalVariation ? "total_variation" : "kolmogorov_smirnov",
            Observed = c.Observed, Lower = c.Lower, Upper = c.Upper, Status = c.Status.ToString().ToLowerInvariant(),
        }));
        return proto;
    }
}
