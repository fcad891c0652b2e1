using System.Collections.Concurrent;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Release;
using SynthData.Core.Model;
using SynthData.Server.Audits;
using SynthData.Server.Governance;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>
/// Models as resources: version within their dataset, state, certified guarantee (read from the artifact's
/// manifest, never its weights' values), the latest audit's figures (owners and reviewers only: they come from the
/// raw rows without DP) and release state.
/// </summary>
public sealed class ModelServiceImpl(ServerStore store, PolicyStore policies) : ModelService.ModelServiceBase
{
    public override Task<Model> GetModel(GetModelRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        return Task.FromResult(ToProto(caller, model, new DatasetContext(store, caller.TenantId)));
    }

    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        string? datasetId = RequestIds.Optional(request.DatasetId, "dataset_id");
        var (page, next) = Paging.Page((size, after) => store.Models.List(caller.TenantId, datasetId, size, after), request.PageSize, request.PageToken,
            scope: "models/" + datasetId);
        var datasets = new DatasetContext(store, caller.TenantId);
        var response = new ListModelsResponse { NextPageToken = next };
        response.Models.AddRange(page.Select(m => ToProto(caller, m, datasets)));
        return Task.FromResult(response);
    }

    /// <summary>Per dataset, read once per reply: its models oldest first (a model's version is its position) and its jobs.</summary>
    sealed class DatasetContext(ServerStore store, string tenantId)
    {
        readonly Dictionary<string, (List<string> Models, IReadOnlyList<JobRecord> Jobs, DatasetRecord Dataset)> _byDataset = new();

        public (List<string> Models, IReadOnlyList<JobRecord> Jobs, DatasetRecord Dataset) For(string datasetId)
        {
            if (!_byDataset.TryGetValue(datasetId, out var entry))
                _byDataset[datasetId] = entry = (store.Models.List(tenantId, datasetId).Select(m => m.Id).ToList(), store.Jobs.List(tenantId, datasetId),
                    store.Datasets.Get(tenantId, datasetId)!);
            return entry;
        }
    }

    Model ToProto(Caller caller, ModelRecord model, DatasetContext context)
    {
        var (siblings, jobs, dataset) = context.For(model.DatasetId);
        var report = ReleaseWorkflow.LoadReport(store, model);
        bool auditing = jobs.Any(j => !j.State.IsTerminal() && AuditJobParameters.FromJob(j)?.ModelId == model.Id);
        var message = new Model
        {
            Id = model.Id,
            DatasetId = model.DatasetId,
            JobId = model.JobId,
            Version = siblings.IndexOf(model.Id) + 1,
            State = auditing ? ModelState.Auditing : report is null ? ModelState.Trained : ModelState.Audited,
            ReleaseState = model.ReleaseState.ToProto(),
            CreateTime = Timestamp.FromDateTimeOffset(model.CreatedAt),
        };
        if (Guarantee(store, model) is { } guarantee) message.Guarantee = guarantee.Clone(); // the cached one stays unshared
        // Audit figures are computed on the raw rows without DP: like the report, never for consumers.
        if (report is not null && caller.Role != CallerRole.Consumer)
        {
            var s = GovernanceMetadataBuilder.Summarise(report);
            message.AuditSummary = new Api.V1.AuditSummary
            {
                Verdict = ReleaseStateMachine.AuditPasses(policies.Get(dataset.PolicyId), report) ? AuditVerdict.Pass : AuditVerdict.Fail,
                MaxAttackAucUpper = s.MaxMiaAucUpper,
                MaxTprAt1PctFpr = s.MaxTprAt1PctFpr,
                DcrShare = s.DcrShare,
                PiiReplays = s.PiiReplays,
            };
            if (s.EmpiricalEpsilon is { } e) message.AuditSummary.EmpiricalEpsilon = e;
        }
        return message;
    }

    // A model's artifact never changes once recorded, so its guarantee is read once per process, not once per listing.
    static readonly ConcurrentDictionary<(string ModelId, string Sha256), PrivacyGuarantee> Guarantees = new();

    /// <summary>The certified guarantee from the artifact's manifest; null when the artifact is not the one recorded.</summary>
    static PrivacyGuarantee? Guarantee(ServerStore store, ModelRecord model)
    {
        if (Guarantees.TryGetValue((model.Id, model.Sha256), out var known)) return known;
        try
        {
            var (manifestJson, _, hash) = ModelArtifactFile.Read(store.Artifacts.LocalPath(model.ArtifactPath));
            if (!string.Equals(hash, model.Sha256, StringComparison.Ordinal)) return null;
            var manifest = JsonSerializer.Deserialize<ModelManifest>(manifestJson, SynthDataJson.Options);
            if (manifest?.Guarantee?.Best.ToProto() is not { } guarantee) return null;
            Guarantees[(model.Id, model.Sha256)] = guarantee;
            return guarantee;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
