using System.Text.Json;
using SynthData.Core;
using SynthData.Server.Storage;

namespace SynthData.Server.Audits;

/// <summary>
/// What an audit job persists in jobs.parameters_json: the audited model, the audit's options and who asked (the audit
/// log's actor, also when another replica runs the job). No data values.
/// </summary>
public sealed record AuditJobParameters(string ModelId, int Canaries, int Seed, string? Actor = null)
{
    /// <summary>The jobs.kind of audits (training jobs are "train").</summary>
    public const string Kind = "audit";

    /// <summary>Progress stages of an audit job, as the job events name them.</summary>
    public const string AuditStage = "audit", ReportStage = "report";

    public string ToJson() => JsonSerializer.Serialize(this, SynthDataJson.Options);

    /// <summary>The parameters of an audit job; null for jobs of other kinds.</summary>
    public static AuditJobParameters? FromJob(JobRecord job)
    {
        if (job.Kind != Kind) return null;
        try
        {
            return JsonSerializer.Deserialize<AuditJobParameters>(job.ParametersJson, SynthDataJson.Options) is { ModelId: not null } p ? p : null;
        }
        catch (JsonException) { return null; }
    }
}
