using SynthData.Api.V1;
using SynthData.Server.Storage;

namespace SynthData.Server.Security;

/// <summary>
/// Which roles may call which RPC. Deny by default: a method missing here is refused, so a new
/// RPC cannot ship open by accident. Health checking and reflection are public (no data).
/// </summary>
public static class RolePolicy
{
    static readonly CallerRole[] Owner = [CallerRole.Owner];
    static readonly CallerRole[] OwnerOrReviewer = [CallerRole.Owner, CallerRole.Reviewer];
    static readonly CallerRole[] KeyManagers = [CallerRole.Admin, CallerRole.Operator];

    static readonly Dictionary<string, CallerRole[]> Allowed = new()
    {
        [Method(DatasetService.Descriptor, "UploadDataset")] = Owner,
        [Method(DatasetService.Descriptor, "DeleteDataset")] = Owner,
        [Method(DatasetService.Descriptor, "GetDataset")] = OwnerOrReviewer,
        [Method(DatasetService.Descriptor, "ListDatasets")] = OwnerOrReviewer,
        [Method(TrainingService.Descriptor, "StartTraining")] = Owner,
        [Method(JobService.Descriptor, "CancelJob")] = Owner,
        [Method(JobService.Descriptor, "WatchJob")] = OwnerOrReviewer,
        [Method(JobService.Descriptor, "GetJob")] = OwnerOrReviewer,
        [Method(JobService.Descriptor, "ListJobs")] = OwnerOrReviewer,
        // Consumers need to know what they generate from (release state, guarantee); audit figures are left out for them.
        [Method(ModelService.Descriptor, "GetModel")] = [CallerRole.Owner, CallerRole.Reviewer, CallerRole.Consumer],
        [Method(ModelService.Descriptor, "ListModels")] = [CallerRole.Owner, CallerRole.Reviewer, CallerRole.Consumer],
        // An audit reads the private rows and computes figures on them without DP: the owner, who holds the rows, starts it.
        [Method(AuditService.Descriptor, "RunAudit")] = Owner,
        // The report holds figures computed on the raw rows without DP: never for consumers.
        [Method(AuditService.Descriptor, "GetAuditReport")] = OwnerOrReviewer,
        [Method(AuditService.Descriptor, "StreamAuditReportHtml")] = OwnerOrReviewer,
        [Method(GenerationService.Descriptor, "Generate")] = [CallerRole.Owner, CallerRole.Consumer],
        // Policies are server configuration, no tenant data: every role may read them.
        [Method(GovernanceService.Descriptor, "ListPolicies")] = [CallerRole.Owner, CallerRole.Reviewer, CallerRole.Consumer, CallerRole.Admin, CallerRole.Operator],
        [Method(GovernanceService.Descriptor, "GetBudget")] = OwnerOrReviewer,
        [Method(GovernanceService.Descriptor, "ApproveRelease")] = [CallerRole.Reviewer],
        [Method(GovernanceService.Descriptor, "RejectRelease")] = [CallerRole.Reviewer],
        [Method(GovernanceService.Descriptor, "ListAuditLog")] = [CallerRole.Owner, CallerRole.Reviewer, CallerRole.Admin, CallerRole.Operator],
        // Model lifecycle: a drift check reads the new rows (owner); rollback and withdrawal are reviewers' calls.
        [Method(ModelLifecycleService.Descriptor, "StartDriftCheck")] = Owner,
        [Method(ModelLifecycleService.Descriptor, "GetDriftCheck")] = OwnerOrReviewer,
        [Method(ModelLifecycleService.Descriptor, "ListDatasetModels")] = OwnerOrReviewer,
        [Method(ModelLifecycleService.Descriptor, "GetCurrentModel")] = [CallerRole.Owner, CallerRole.Reviewer, CallerRole.Consumer],
        [Method(ModelLifecycleService.Descriptor, "SetCurrentModel")] = [CallerRole.Reviewer],
        [Method(ModelLifecycleService.Descriptor, "WithdrawModel")] = [CallerRole.Reviewer],
        // Key administration: which tenant and role is KeyAdministration's business.
        [Method(AdminService.Descriptor, "CreateApiKey")] = KeyManagers,
        [Method(AdminService.Descriptor, "ListApiKeys")] = KeyManagers,
        [Method(AdminService.Descriptor, "RevokeApiKey")] = KeyManagers,
    };

    static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string name)
    {
        if (service.FindMethodByName(name) is null) throw new InvalidOperationException($"{service.FullName} has no method {name}.");
        return $"/{service.FullName}/{name}";
    }

    /// <summary>RPCs that need no key: gRPC health checking and server reflection.</summary>
    public static bool IsPublic(string method) =>
        method.StartsWith("/grpc.health.", StringComparison.Ordinal) || method.StartsWith("/grpc.reflection.", StringComparison.Ordinal);

    public static bool Permits(string method, CallerRole role) => Allowed.TryGetValue(method, out var roles) && roles.Contains(role);

    /// <summary>Every method of every SynthData service, to test that none is missing from the table.</summary>
    public static IEnumerable<string> KnownMethods => Allowed.Keys;
}
