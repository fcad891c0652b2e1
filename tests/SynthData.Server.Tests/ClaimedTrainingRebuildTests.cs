using SynthData.Api.V1;
using SynthData.Core;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model.Training;
using SynthData.Core.Synthesis;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Storage;
using SynthData.Server.Training;

namespace SynthData.Server.Tests;

/// <summary>
/// A training job claimed by a replica that did not admit it is rebuilt from its row (TrainingJobWork.WorkFor(JobRecord)).
/// It must train exactly the plan the ledger reserved: when the rebuilt plan differs, or the split key was not handed
/// over, the job fails before any noisy step and its reservation is given back. Run here on the embedded store, where
/// the same builder and artifact store serve (the PostgreSQL tests run it across replicas).
/// </summary>
public sealed class ClaimedTrainingRebuildTests
{
    sealed record Admitted(RunningServer Server, JobRecord Job, TrainingJobParameters Parameters, string LedgerKey);

    /// <summary>Admits a run as StartTraining does (plan, reservation, split key handed over) and leaves its row claimed, unrun.</summary>
    static async Task<Admitted> AdmitAsync(Func<PrivacyPlan, PrivacyPlan> storedPlan)
    {
        var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory());
        var key = await server.CreateKeyAsync("acme", Role.Owner);
        var uploaded = await Uploads.UploadBankAsync(server.As(key.ApiKey), "default");
        var store = server.Service<ServerStore>();
        var dataset = store.Datasets.Get(key.TenantId, uploaded.Id)!;
        var input = DatasetInput.For(store, dataset);
        var config = TrainingRequestMapping.ToConfiguration(ServerFlow.ShortRun(dataset.Id, epsilon: 1, epochs: 1));
        var (source, plan) = TrainingPipeline.Prepare(input, config);
        string runId = ServerStore.NewId("run");
        var ledger = server.Service<DatasetLedger>().Ledger;
        var admission = BudgetedTraining.Admit(server.Service<PolicyStore>().Get(dataset.PolicyId), ledger, DatasetLedger.KeyOf(dataset), runId, plan, config,
            source.Split.TrainingRows.Length, input.Schema);
        Assert.True(admission.Allowed);
        server.Service<SplitKeyHandoff>().Put(runId, source.SplitKey);
        var parameters = new TrainingJobParameters(runId, admission.LedgerDatasetId, config, storedPlan(plan), admission.Decision);
        var job = store.Jobs.Insert(key.TenantId, dataset.Id, TrainingJobWork.Kind, plan.Steps, 1, plan.Delta, parameters.ToJson());
        Assert.True(store.Jobs.MarkRunning(job.Id));
        return new Admitted(server, store.Jobs.GetAcrossTenants(job.Id)!, parameters, DatasetLedger.KeyOf(dataset));
    }

    static async Task<Exception> RunClaimedAsync(Admitted admitted)
    {
        var work = admitted.Server.Service<TrainingJobWork>().WorkFor(admitted.Job);
        var progress = new JobProgress(admitted.Server.Service<ServerStore>(), admitted.Server.Service<JobBroadcaster>(), admitted.Job);
        return await Assert.ThrowsAnyAsync<Exception>(() => work.RunAsync(progress, CancellationToken.None));
    }

    static LedgerEntry EntryOf(Admitted admitted) =>
        admitted.Server.Service<DatasetLedger>().Ledger.Entries(admitted.LedgerKey).Single(e => e.RunId == admitted.Parameters.LedgerRunId);

    [Fact]
    public async Task A_claimed_job_whose_rebuilt_plan_differs_from_the_reserved_one_fails_and_gives_the_reservation_back()
    {
        // The stored plan claims one step more than this table's split gives: the rebuild must refuse to train it.
        var admitted = await AdmitAsync(plan => plan with { Steps = plan.Steps + 1 });
        await using var _ = admitted.Server;
        var failure = await RunClaimedAsync(admitted);
        Assert.IsType<JobRebuildException>(failure);
        Assert.Contains("no longer gives the admitted plan", failure.Message, StringComparison.Ordinal);
        Assert.Equal(LedgerState.Released, EntryOf(admitted).State);
        Assert.Null(admitted.Server.Service<SplitKeyHandoff>().Read(admitted.Parameters.LedgerRunId)); // the secret does not linger
        Assert.Equal(0, admitted.Server.Service<ServerStore>().Jobs.GetAcrossTenants(admitted.Job.Id)!.StepsCharged); // no noisy step started
    }

    [Fact]
    public async Task A_claimed_job_without_its_handed_over_split_key_fails_and_gives_the_reservation_back()
    {
        var admitted = await AdmitAsync(plan => plan);
        await using var _ = admitted.Server;
        admitted.Server.Service<SplitKeyHandoff>().Delete(admitted.Parameters.LedgerRunId);
        var failure = await RunClaimedAsync(admitted);
        Assert.IsType<JobRebuildException>(failure);
        Assert.IsAssignableFrom<UserFacingException>(failure); // its message reaches the job's reasons, and names no value
        Assert.Equal(LedgerState.Released, EntryOf(admitted).State);
    }

    [Fact]
    public async Task A_training_job_abandoned_before_any_replica_ran_it_leaves_no_split_key_behind()
    {
        var admitted = await AdmitAsync(plan => plan);
        await using var _ = admitted.Server;
        admitted.Server.Service<IJobLifecycleHooks>().OnJobAbandoned(admitted.Job); // e.g. its lease expired, or it was cancelled while queued
        Assert.Null(admitted.Server.Service<SplitKeyHandoff>().Read(admitted.Parameters.LedgerRunId));
        Assert.Equal(LedgerState.Charged, EntryOf(admitted).State); // it had started: preprocessing and its write-ahead bound (0 steps)
    }
}
