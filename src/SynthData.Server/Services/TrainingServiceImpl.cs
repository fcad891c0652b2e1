using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Synthesis;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Training;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>
/// Training jobs. StartTraining decides admission before any model touches the rows: the dataset's policy,
/// then a reservation of the whole planned run in the privacy ledger; the queued work trains with DP-SGD and
/// settles the ledger with what it consumed. JobService follows, lists and cancels the job.
/// </summary>
public sealed class TrainingServiceImpl(ServerStore store, JobQueue queue, PolicyStore policies, DatasetLedger ledger, TrainingJobWork training, SplitKeyHandoff splitKeys)
    : TrainingService.TrainingServiceBase
{
    public override async Task<Job> StartTraining(StartTrainingRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        TrainingRequestMapping.Validate(request);
        var dataset = store.Datasets.Get(caller.TenantId, request.DatasetId) ?? throw DatasetServiceImpl.NotFound(request.DatasetId);
        TrainingRequestMapping.ValidateDelta(request.HasDelta ? request.Delta : null, dataset.RowCount);
        var policy = policies.Get(dataset.PolicyId);
        // The policy's cap is a range check: refused before planning, which calibrates noise and reads the table.
        if (request.Epsilon > policy.MaxEpsilonPerRelease)
            throw Deny(caller, dataset, policy, [FormattableString.Invariant(
                $"epsilon {request.Epsilon:0.###} exceeds the policy's maximum per release, {policy.MaxEpsilonPerRelease:0.###}")]);
        var config = TrainingRequestMapping.ToConfiguration(request);
        var input = DatasetInput.For(store, dataset);

        // Planning reads the table only to split it and count its rows (N sets q, as in every DP-SGD library).
        // An infeasible target (BudgetInfeasibleException) is INVALID_ARGUMENT by the error interceptor.
        var (source, plan) = await Task.Run(() => PlanOrRefuse(input, config), context.CancellationToken);
        source = source with { DatasetId = dataset.Id }; // the random upload id, recorded in the artifact and the footer
        string runId = ServerStore.NewId("run");
        var admission = BudgetedTraining.Admit(policy, ledger.Ledger, DatasetLedger.KeyOf(dataset), runId, plan, config,
            source.Split.TrainingRows.Length, input.Schema);
        if (!admission.Allowed) throw Deny(caller, dataset, policy, admission.Decision.Reasons);

        var parameters = new TrainingJobParameters(runId, admission.LedgerDatasetId, config, plan, admission.Decision);
        var work = training.WorkFor(caller.TenantId, new AdmittedRun(dataset, source, plan, input, config, admission));
        // Replicas: whichever claims the job redoes this split, so the plan it trains is the one reserved.
        bool handOver = store.Database.SharedByReplicas;
        JobRecord job;
        try
        {
            if (handOver) splitKeys.Put(runId, source.SplitKey);
            job = queue.Submit(() => store.Jobs.Insert(caller.TenantId, dataset.Id, TrainingJobWork.Kind, plan.Steps, config.Epsilon!.Value, plan.Delta, parameters.ToJson()), work);
        }
        catch
        {
            ledger.Ledger.ReleaseReservation(runId); // never queued: nothing read, nothing owed
            if (handOver) splitKeys.Delete(runId);
            throw;
        }
        store.AuditLog.Record(caller.TenantId, caller.Actor, "training.admitted", job.Id, FormattableString.Invariant(
            $"dataset {dataset.Id}, epsilon {config.Epsilon:G4}, delta {plan.Delta:G3}, sigma {plan.NoiseMultiplier:G5}, {plan.Steps} steps, policy {policy.Id} v{policy.Version}"));
        var message = job.ToProto();
        message.NoiseMultiplier = plan.NoiseMultiplier;
        message.Admission = admission.Decision.ToProto();
        return message;
    }

    /// <summary>A run the dataset's policy forbids: the denial with every reason (one precondition violation each), and a line in the audit log.</summary>
    PolicyDeniedException Deny(Caller caller, DatasetRecord dataset, ReleasePolicy policy, IReadOnlyList<string> reasons)
    {
        store.AuditLog.Record(caller.TenantId, caller.Actor, "training.denied", dataset.Id, $"policy {policy.Id} v{policy.Version}: {string.Join("; ", reasons)}");
        return new PolicyDeniedException(policy.Id, policy.Version, Core.Governance.Decisions.DecisionStage.Admission, reasons);
    }

    /// <summary>
    /// Planning, with Core's "preprocessing cannot fit" (an epsilon too small for the table's undeclared columns)
    /// answered as INVALID_ARGUMENT naming epsilon, not a bare argument error.
    /// </summary>
    static (SourceTable, PrivacyPlan) PlanOrRefuse(TrainingInput input, TrainingConfiguration config)
    {
        try
        {
            return TrainingPipeline.Prepare(input, config);
        }
        catch (PreprocessingBudgetException)
        {
            throw FieldViolations.Invalid("epsilon", "is too small to cover this table's preprocessing; declare bounds and categories in the schema, or raise epsilon");
        }
    }
}
