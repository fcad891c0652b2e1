using Google.Protobuf.WellKnownTypes;
using SynthData.Api.V1;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Governance;
using SynthData.Server.Services;
using SynthData.Server.Storage;
using SynthData.Server.Training;

namespace SynthData.Server.Lifecycle;

/// <summary>
/// The budget view's lineage: every version sharing the dataset's ledger key, with the training runs and drift checks
/// that read each and what each costs in the ledger (its own epsilon at the budget's delta; the lifetime figures beside
/// it compose them all). Figures and ids only.
/// </summary>
public static class BudgetLineage
{
    public static IEnumerable<DatasetVersionBudget> Of(ServerStore store, IPrivacyBudgetLedger ledger, DatasetRecord dataset, double delta)
    {
        string key = DatasetLedger.KeyOf(dataset);
        var entries = ledger.Entries(key).ToDictionary(e => e.RunId);
        var accountant = new BestOfAccountants();
        var versions = store.Datasets.List(dataset.TenantId).Where(d => d.LedgerKey == key).OrderBy(d => d.CreatedAt).ToArray();
        return versions.Select((version, i) =>
        {
            var view = new DatasetVersionBudget
            {
                DatasetId = version.Id, Version = i + 1, CreateTime = Timestamp.FromDateTimeOffset(version.CreatedAt), RawDataErased = version.Erased,
            };
            foreach (var job in store.Jobs.List(dataset.TenantId, version.Id))
                if (RunOf(job) is var (kind, runId, modelId) && entries.TryGetValue(runId, out var entry))
                    view.Runs.Add(new BudgetRun
                    {
                        JobId = job.Id, Kind = kind, State = job.State.ToProto(), ModelId = modelId ?? "",
                        Epsilon = entry.State == LedgerState.Released || delta <= 0 ? 0 : accountant.GetEpsilon(entry.Event, delta).Epsilon,
                        LedgerState = entry.State switch
                        {
                            LedgerState.Reserved => LedgerRunState.Reserved,
                            LedgerState.Charged => LedgerRunState.Charged,
                            _ => LedgerRunState.Released,
                        },
                    });
            return view;
        });
    }

    /// <summary>The ledger run of a job that spends budget, with its kind and its model; null for other jobs (audits).</summary>
    static (JobKind Kind, string RunId, string? ModelId)? RunOf(JobRecord job)
    {
        if (DriftJobParameters.FromJob(job) is { } drift) return (JobKind.DriftCheck, drift.LedgerRunId, drift.ModelId);
        if (job.Kind == TrainingJobWork.Kind && TrainingJobParameters.FromJson(job.ParametersJson) is { } training) return (JobKind.Training, training.LedgerRunId, job.ModelId);
        return null;
    }
}
