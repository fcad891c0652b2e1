using Google.Protobuf.WellKnownTypes;
using SynthData.Core.Drift;
using SynthData.Server.Storage;

namespace SynthData.Server.Lifecycle;

/// <summary>A stored drift check and its job as the API's DriftCheck: the cost from the job's parameters, the result once stored.</summary>
public static class DriftCheckProto
{
    public static Api.V1.DriftCheck Of(DriftCheckRecord record, JobRecord job)
    {
        var parameters = DriftJobParameters.FromJob(job);
        var result = DriftCheckResult.FromJson(record.ResultJson);
        var proto = new Api.V1.DriftCheck
        {
            Id = record.JobId, ModelId = record.ModelId, DatasetId = record.DatasetId, State = StateOf(job.State),
            Epsilon = parameters?.Cost.CheckEpsilon ?? job.TargetEpsilon, Delta = job.Delta,
            LifetimeEpsilonAfter = result?.LifetimeEpsilonAfter ?? parameters?.Cost.LifetimeAfter ?? 0,
            RetrainRecommended = result?.RetrainRecommended ?? false, Recommendation = result?.Recommendation ?? "",
            Error = job.State is JobState.Failed or JobState.Cancelled ? string.Join("; ", job.Reasons) : "",
            CreatedAt = Timestamp.FromDateTimeOffset(record.CreatedAt),
        };
        if (result is not null) proto.Columns.AddRange(result.Columns.Select(ToProto));
        return proto;
    }

    public static Api.V1.ColumnDrift ToProto(ColumnDrift c) => new()
    {
        Column = c.Column, Distance = DistanceName(c.Distance), Observed = c.Observed, Lower = c.Lower, Upper = c.Upper,
        Status = c.Status.ToString().ToLowerInvariant(),
    };

    public static string DistanceName(DriftDistanceKind kind) => kind == DriftDistanceKind.TotalVariation ? "total_variation" : "kolmogorov_smirnov";

    static Api.V1.DriftCheckState StateOf(JobState state) => state switch
    {
        JobState.Queued => Api.V1.DriftCheckState.Queued,
        JobState.Running => Api.V1.DriftCheckState.Running,
        JobState.Succeeded => Api.V1.DriftCheckState.Succeeded,
        JobState.Cancelled => Api.V1.DriftCheckState.Cancelled,
        _ => Api.V1.DriftCheckState.Failed,
    };
}
