using Google.Protobuf.WellKnownTypes;
using SynthData.Server.Audits;
using SynthData.Server.Storage;
using ApiV1 = SynthData.Api.V1;

namespace SynthData.Server.Services;

/// <summary>Store records to API messages. Only metadata crosses: raw paths and rows never do.</summary>
public static class ProtoMapping
{
    public static ApiV1.JobState ToProto(this JobState state) => state switch
    {
        JobState.Queued => ApiV1.JobState.Queued,
        JobState.Running => ApiV1.JobState.Running,
        JobState.Succeeded => ApiV1.JobState.Succeeded,
        JobState.Failed => ApiV1.JobState.Failed,
        JobState.Cancelled => ApiV1.JobState.Cancelled,
        _ => ApiV1.JobState.Unspecified,
    };

    public static ApiV1.Job ToProto(this JobRecord job)
    {
        var message = new ApiV1.Job
        {
            Id = job.Id,
            Kind = KindOf(job),
            DatasetId = job.DatasetId,
            State = job.State.ToProto(),
            StepsTaken = job.StepsTaken,
            TotalSteps = job.TotalSteps,
            TargetEpsilon = job.TargetEpsilon,
            Delta = job.Delta,
            EpsilonSpent = job.EpsilonSpent,
            NoiseMultiplier = job.NoiseMultiplier,
            LastLoss = job.LastLoss,
            ModelId = job.ModelId ?? "",
            CreateTime = Timestamp.FromDateTimeOffset(job.CreatedAt),
        };
        message.Reasons.AddRange(job.Reasons);
        if (AuditJobParameters.FromJob(job) is { } audit) message.ModelId = audit.ModelId;
        if (Lifecycle.DriftJobParameters.FromJob(job) is { } drift)
        {
            message.ModelId = drift.ModelId;
            message.NoiseMultiplier = drift.Noise.NoiseMultiplier;
        }
        if (job.Kind == Training.TrainingJobWork.Kind && Training.TrainingJobParameters.FromJson(job.ParametersJson) is { } parameters)
        {
            message.Admission = parameters.Admission.ToProto();
            if (message.NoiseMultiplier == 0) message.NoiseMultiplier = parameters.Plan.NoiseMultiplier;
        }
        if (job.FinishedAt is { } finished) message.EndTime = Timestamp.FromDateTimeOffset(finished);
        return message;
    }

    static ApiV1.JobKind KindOf(JobRecord job) => job.Kind switch
    {
        AuditJobParameters.Kind => ApiV1.JobKind.Audit,
        Lifecycle.DriftJobParameters.Kind => ApiV1.JobKind.DriftCheck,
        _ => ApiV1.JobKind.Training,
    };

    /// <summary>An event that carries the whole job, so any single event tells a watcher where the job stands.</summary>
    public static ApiV1.JobEvent ToEvent(this JobRecord job, string message) => new()
    {
        State = job.State.ToProto(),
        Step = job.StepsTaken,
        Loss = job.LastLoss,
        EpsilonSpent = job.EpsilonSpent,
        Message = message,
        Stage = StageOf(message),
        Job = job.ToProto(),
    };

    /// <summary>The stage a progress report names (Core's stage words and the audit's); state changes have none.</summary>
    static ApiV1.JobStage StageOf(string message) => message switch
    {
        "plan" => ApiV1.JobStage.Plan,
        "preprocess" => ApiV1.JobStage.Preprocess,
        "train" => ApiV1.JobStage.Train,
        "save" or "trained" => ApiV1.JobStage.Save,
        AuditJobParameters.AuditStage => ApiV1.JobStage.Audit,
        AuditJobParameters.ReportStage => ApiV1.JobStage.Report,
        _ => ApiV1.JobStage.Unspecified,
    };

    public static ApiV1.Dataset ToProto(this DatasetRecord dataset) => new()
    {
        Id = dataset.Id,
        Name = dataset.Name,
        RowCount = dataset.RowCount,
        SchemaJson = dataset.SchemaJson,
        PolicyId = dataset.PolicyId,
        CreateTime = Timestamp.FromDateTimeOffset(dataset.CreatedAt),
        RawDataErased = dataset.Erased,
    };

    public static ApiV1.AuditLogEntry ToProto(this AuditLogRecord entry) => new()
    {
        CreateTime = Timestamp.FromDateTimeOffset(entry.At),
        Actor = entry.Actor,
        Action = entry.Action,
        SubjectId = entry.SubjectId,
        Detail = entry.Detail,
    };

    public static ApiV1.ApiKeyInfo ToProto(this ApiKeyListing key) => new()
    {
        KeyId = key.Id,
        Tenant = key.TenantName,
        TenantId = key.TenantId,
        Role = key.Role.ToProto(),
        Label = key.Label,
        CreateTime = Timestamp.FromDateTimeOffset(key.CreatedAt),
        Revoked = key.Revoked,
    };

    public static ApiV1.Role ToProto(this CallerRole role) => role switch
    {
        CallerRole.Owner => ApiV1.Role.Owner,
        CallerRole.Consumer => ApiV1.Role.Consumer,
        CallerRole.Reviewer => ApiV1.Role.Reviewer,
        CallerRole.Admin => ApiV1.Role.Admin,
        CallerRole.Operator => ApiV1.Role.Operator,
        _ => ApiV1.Role.Unspecified,
    };

    /// <summary>The role a request names; null when unset or unknown.</summary>
    public static CallerRole? ToCallerRole(this ApiV1.Role role) => role switch
    {
        ApiV1.Role.Owner => CallerRole.Owner,
        ApiV1.Role.Consumer => CallerRole.Consumer,
        ApiV1.Role.Reviewer => CallerRole.Reviewer,
        ApiV1.Role.Admin => CallerRole.Admin,
        ApiV1.Role.Operator => CallerRole.Operator,
        _ => null,
    };

    public static ApiV1.PolicyDecision ToProto(this Core.Governance.Decisions.PolicyDecision decision)
    {
        var message = new ApiV1.PolicyDecision
        {
            Allowed = decision.Allowed,
            Stage = decision.Stage == Core.Governance.Decisions.DecisionStage.Admission ? ApiV1.DecisionStage.Admission : ApiV1.DecisionStage.Release,
            PolicyId = decision.PolicyId,
            PolicyVersion = decision.PolicyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DecideTime = Timestamp.FromDateTimeOffset(decision.DecidedUtc),
        };
        // Reasons only when denied, as the API documents; an allowed decision's single line is its note.
        if (!decision.Allowed) message.Reasons.AddRange(decision.Reasons);
        return message;
    }

    public static ApiV1.ReleaseState ToProto(this ReleaseState state) => state switch
    {
        ReleaseState.Pending => ApiV1.ReleaseState.PendingAudit,
        ReleaseState.Audited => ApiV1.ReleaseState.AwaitingReview,
        ReleaseState.Released => ApiV1.ReleaseState.Released,
        ReleaseState.Rejected => ApiV1.ReleaseState.Rejected,
        _ => ApiV1.ReleaseState.Unspecified,
    };

    public static ApiV1.PrivacyGuarantee ToProto(this Core.Privacy.Accounting.PrivacyGuarantee guarantee) => new()
    {
        Epsilon = guarantee.Epsilon,
        Delta = guarantee.Delta,
        Accountant = guarantee.Accountant,
        EpsilonError = guarantee.EpsilonError,
    };
}
