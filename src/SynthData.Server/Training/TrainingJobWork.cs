using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Synthesis;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;

namespace SynthData.Server.Training;

/// <summary>An admitted run, as planning left it: the table split and planned, and its reservation in the ledger.</summary>
public sealed record AdmittedRun(DatasetRecord Dataset, SourceTable Source, PrivacyPlan Plan, TrainingInput Input, TrainingConfiguration Config, TrainingAdmission Admission);

/// <summary>
/// The work of a training job: DP training with the ledger settled whatever happens, then the model recorded as
/// pending audit. The admitting replica runs it from the run it planned (the embedded store); on a shared store the
/// replica that claims the job rebuilds the run from the job's row: it reloads the table, redoes the split with the
/// key handed over at admission (<see cref="SplitKeyHandoff"/>) and checks the plan comes out as admitted.
/// </summary>
public sealed class TrainingJobWork(ServerStore store, DatasetLedger ledger, SplitKeyHandoff splitKeys)
{
    /// <summary>The jobs.kind of training jobs.</summary>
    public const string Kind = "train";

    /// <summary>The admitting replica's work: the run it planned is already in memory.</summary>
    public IJobWork WorkFor(string tenantId, AdmittedRun run) =>
        new DelegateJobWork((progress, token) => Task.FromResult(Train(tenantId, run, progress, token)));

    /// <summary>A claimed job's work, rebuilt from its row when it runs (reading the table belongs under the job's token).</summary>
    public IJobWork WorkFor(JobRecord job) =>
        new DelegateJobWork((progress, token) => Task.FromResult(RunClaimed(job, progress, token)));

    JobCompletion RunClaimed(JobRecord job, JobProgress progress, CancellationToken cancellationToken)
    {
        var parameters = TrainingJobParameters.FromJson(job.ParametersJson) ?? throw new JobRebuildException("its parameters are not a training job's");
        AdmittedRun run;
        try
        {
            run = Rebuild(job, parameters);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            // No noisy step ran and nothing was released from the rows: the reservation is given back.
            ReleaseIfReserved(parameters);
            throw;
        }
        finally
        {
            splitKeys.Delete(parameters.LedgerRunId); // in memory now; the model's split-key file keeps it from here
        }
        return Train(job.TenantId, run, progress, cancellationToken);
    }

    AdmittedRun Rebuild(JobRecord job, TrainingJobParameters parameters)
    {
        var (dataset, input) = JobRebuildException.DatasetOf(store, job.TenantId, job.DatasetId);
        if (!ledger.Ledger.Entries(parameters.LedgerDatasetId).Any(e => e.RunId == parameters.LedgerRunId && e.State == LedgerState.Reserved))
            throw new JobRebuildException("its budget reservation is no longer held");
        var key = splitKeys.Read(parameters.LedgerRunId) ?? throw new JobRebuildException("the split made at admission was not handed over");
        var config = parameters.Configuration;
        var (source, plan) = TrainingPipeline.Prepare(input, config, key);
        source = source with { DatasetId = dataset.Id };
        // The plan depends only on public parameters and the training row count: equal plans mean the same rows split the same way.
        if (JsonSerializer.Serialize(plan, SynthDataJson.Compact) != JsonSerializer.Serialize(parameters.Plan, SynthDataJson.Compact))
            throw new JobRebuildException("the dataset no longer gives the admitted plan (training rows, steps or noise differ)");
        var admission = new TrainingAdmission(parameters.Admission, parameters.LedgerDatasetId, parameters.LedgerRunId, RunCharges.Planned(parameters.Plan),
            new BudgetReservation(true, parameters.LedgerRunId, double.NaN, double.NaN, plan.Delta));
        return new AdmittedRun(dataset, source, plan, input, config, admission);
    }

    void ReleaseIfReserved(TrainingJobParameters parameters)
    {
        if (ledger.Ledger.Entries(parameters.LedgerDatasetId).Any(e => e.RunId == parameters.LedgerRunId && e.State == LedgerState.Reserved))
            ledger.Ledger.ReleaseReservation(parameters.LedgerRunId);
    }

    JobCompletion Train(string tenantId, AdmittedRun run, JobProgress progress, CancellationToken cancellationToken)
    {
        string jobId = progress.Job.Id;
        var plan = run.Plan;
        var writeAhead = new StepWriteAhead(store, jobId, plan.Steps);
        var reporter = new InlineProgress<RunProgress>(p =>
        {
            // Stages without a figure (plan, save) keep the last one: a watcher must never see the spend fall back to 0.
            progress.Report(p.Step, plan.Steps, p.EpsilonSpent ?? progress.Job.EpsilonSpent, plan.NoiseMultiplier, double.IsFinite(p.MeanLoss) ? p.MeanLoss : 0, p.Epoch, p.StageName);
        });
        // Core writes the artifact and its split key to a private folder; both then go to the artifact store.
        string folder = PrivateFiles.CreateDirectory(Path.Combine(store.TempDirectory, jobId));
        string artifact = Path.Combine(folder, jobId + ".model"), artifactKey = ArtifactFiles.ModelKey(tenantId, jobId);
        TrainedModel model;
        try
        {
            model = BudgetedTraining.Train(run.Admission, ledger.Ledger, run.Source, plan, run.Input.Schema, run.Config, artifact, reporter, cancellationToken,
                writeAhead.BeforeStep);
            // Past the last step: stored whole, not cancelled half-way. Sync over async on the job's own thread.
            store.Artifacts.PutAsync(SplitKeyFile.PathFor(artifactKey), SplitKeyFile.PathFor(artifact), CancellationToken.None).GetAwaiter().GetResult();
            store.Artifacts.PutAsync(artifactKey, artifact, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (TrainingCancelledException cancelled)
        {
            // Reports come every few steps; the job records the exact count the ledger was charged for.
            var last = progress.Job;
            progress.Report(cancelled.StepsTaken, plan.Steps, last.EpsilonSpent, plan.NoiseMultiplier, last.LastLoss, message: "cancelled");
            throw;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        using var _ = model;
        var guarantee = model.Manifest.Guarantee!.Best;
        progress.Report(model.Manifest.StepsTaken, plan.Steps, guarantee.Epsilon, plan.NoiseMultiplier, model.Manifest.FinalMeanLoss, run.Config.Epochs, "trained");
        store.Models.Insert(model.Id, tenantId, jobId, run.Dataset.Id, artifactKey, model.ArtifactSha256);
        store.AuditLog.Record(tenantId, "server", "model.trained", model.Id, FormattableString.Invariant(
            $"job {jobId}, epsilon {guarantee.Epsilon:G4} ({guarantee.Accountant}), delta {guarantee.Delta:G3}, {model.Manifest.StepsTaken} steps"));
        return new JobCompletion(model.Id, "trained");
    }
}
