using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Drift;
using SynthData.Server.Storage;

namespace SynthData.Server.Lifecycle;

/// <summary>
/// What a drift job persists in jobs.parameters_json: the model checked, the new version read (the job's dataset), the
/// settings, and the ledger run reserved before it was queued with the cost shown (so a restart or another replica can
/// settle the ledger without the lost in-memory work). Public figures only: no data value.
/// </summary>
public sealed record DriftJobParameters(string ModelId, string DatasetId, string LineageKey, DriftSettings Settings, DriftNoise Noise,
    string LedgerRunId, DriftCost Cost)
{
    /// <summary>The jobs.kind of drift checks.</summary>
    public const string Kind = "drift";

    /// <summary>Progress stages of a drift job, as the job events name them: the one DP read, then the free comparison.</summary>
    public const string MeasureStage = "measure", CompareStage = "compare";

    public string ToJson() => JsonSerializer.Serialize(this, SynthDataJson.Options);

    /// <summary>The parameters of a drift job; null for jobs of other kinds.</summary>
    public static DriftJobParameters? FromJob(JobRecord job)
    {
        if (job.Kind != Kind) return null;
        try
        {
            return JsonSerializer.Deserialize<DriftJobParameters>(job.ParametersJson, SynthDataJson.Options) is
                { ModelId: not null, LedgerRunId: not null, Settings: not null, Noise: not null, Cost: not null } p ? p : null;
        }
        catch (JsonException) { return null; }
    }
}
