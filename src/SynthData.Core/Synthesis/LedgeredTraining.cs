using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;

namespace SynthData.Core.Synthesis;

/// <summary>
/// Local training through the installation's ledger, for `synth` and `train` alike: the table is known by its keyed
/// content fingerprint (so a re-saved, reordered or converted copy shares one budget and one random id), a private
/// run is admitted by the policy and reserved before it reads a row, and settled with what it consumed. A
/// non-private run is admitted as a labelled baseline and spends nothing.
/// </summary>
public static class LedgeredTraining
{
    /// <summary>Loads and plans the run, then admits it: a private run against the policy and the ledger, a baseline as such.</summary>
    /// <param name="input">The private table and how to read it.</param>
    /// <param name="config">The training configuration.</param>
    /// <param name="policy">The release policy that decides admission.</param>
    /// <param name="ledger">The installation's privacy budget ledger.</param>
    /// <param name="datasetIdOf">The ledger key of a table's fingerprint: the ledger's own by default; a declared version's
    /// parent through <see cref="DatasetVersions.DatasetIdFor"/>.</param>
    public static LedgeredRun Admit(TrainingInput input, TrainingConfiguration config, ReleasePolicy policy, IPrivacyBudgetLedger ledger,
        Func<string, string>? datasetIdOf = null)
    {
        var (prepared, plan) = TrainingPipeline.Prepare(input, config);
        var source = prepared with { DatasetId = (datasetIdOf ?? ledger.DatasetIdFor)(prepared.Fingerprint) };
        if (config.NoPrivacy)
            return new LedgeredRun(source, plan, new PolicyDecision(DecisionStage.Admission, true,
                ["no privacy was requested: the model is trained and audited as a baseline, spends no budget, and its output can never be released"],
                policy.Id, policy.Version, DateTimeOffset.UtcNow), null);
        var admitted = BudgetedTraining.Admit(policy, ledger, source.DatasetId!, $"run-{Guid.NewGuid():N}", plan, config,
            source.Split.TrainingRows.Length, input.Schema);
        return new LedgeredRun(source, plan, admitted.Decision, admitted.Allowed ? admitted : null);
    }

    /// <summary>Trains an admitted run and settles its reservation with what it consumed (also on cancellation or failure).</summary>
    public static TrainedModel Train(LedgeredRun run, IPrivacyBudgetLedger ledger, TrainingInput input, TrainingConfiguration config,
        string artifactPath, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!run.Allowed) throw new InvalidOperationException("The run was not admitted.");
        return run.Reservation is null
            ? TrainingPipeline.Run(run.Source, run.Plan, input.Schema, config, artifactPath, progress, cancellationToken)
            : BudgetedTraining.Train(run.Reservation, ledger, run.Source, run.Plan, input.Schema, config, artifactPath, progress, cancellationToken);
    }
}
