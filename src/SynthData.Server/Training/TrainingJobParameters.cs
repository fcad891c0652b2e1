using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Model.Training;

namespace SynthData.Server.Training;

/// <summary>
/// What a training job persists in jobs.parameters_json: its ledger run and plan (so a restart can settle the
/// ledger without the lost in-memory work) and its admission decision (for the governance metadata). No data values.
/// </summary>
public sealed record TrainingJobParameters(
    string LedgerRunId, string LedgerDatasetId, TrainingConfiguration Configuration, PrivacyPlan Plan, PolicyDecision Admission)
{
    public string ToJson() => JsonSerializer.Serialize(this, SynthDataJson.Options);

    public static TrainingJobParameters? FromJson(string json)
    {
        try
        {
            var parameters = JsonSerializer.Deserialize<TrainingJobParameters>(json, SynthDataJson.Options);
            // Other job kinds (and test jobs) carry other parameters: only a complete record is a training job's.
            return parameters is { LedgerRunId: not null, LedgerDatasetId: not null, Plan: not null, Admission: not null, Configuration: not null } ? parameters : null;
        }
        catch (JsonException) { return null; }
    }
}
