using System.Text.Json;
using Grpc.Core;
using Parquet;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// The whole flow on the real server: an owner uploads and trains, watches the job, audits the model; a
/// reviewer approves; a consumer streams the synthetic Parquet, which is reassembled and read back with its
/// governance metadata. Every role's denials and another tenant's view are checked on the way.
/// </summary>
public sealed class ReleaseFlowTests
{
    [Fact]
    public async Task Upload_train_watch_audit_approve_generate()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var ownerKey = await server.CreateKeyAsync("acme", Role.Owner);
        var owner = server.As(ownerKey.ApiKey);
        var reviewer = server.As((await server.CreateKeyAsync("acme", Role.Reviewer)).ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var outsider = server.As((await server.CreateKeyAsync("other-co", Role.Owner)).ApiKey);
        var outsiderConsumer = server.As((await server.CreateKeyAsync("other-co", Role.Consumer)).ApiKey);

        var dataset = await Uploads.UploadBankAsync(owner, TestPolicies.ReviewRequired);
        Assert.Equal(TestPolicies.ReviewRequired, dataset.PolicyId);
        Assert.Equal(10, dataset.Budget.LifetimeEpsilonBudget);
        Assert.Equal(0, dataset.Budget.CommittedEpsilon);

        // Consumers and reviewers cannot train; the owner can.
        var consumerDenied = await Assert.ThrowsAsync<RpcException>(() => new TrainingService.TrainingServiceClient(consumer).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, consumerDenied.StatusCode);
        var training = new TrainingService.TrainingServiceClient(owner);
        var job = await training.StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 1));
        Assert.True(job.Admission.Allowed);
        Assert.Equal(DecisionStage.Admission, job.Admission.Stage);
        Assert.True(job.NoiseMultiplier > 0);
        Assert.True(job.TotalSteps > 0);

        var events = await ServerFlow.WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(5));
        var finished = events[^1].Job;
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.False(string.IsNullOrEmpty(finished.ModelId));
        var steps = events.Where(e => e.State == JobState.Running && e.Step > 0).Select(e => e.Step).ToList();
        Assert.NotEmpty(steps);
        Assert.Equal(steps.Order(), steps); // progress only moves forward
        // Epsilon spent while training is the RDP bound of what ran so far: it rises and never passes the RDP
        // figure of the whole run, which is at most a little above the target (the PLD-calibrated epsilon 1).
        Assert.All(events, e => Assert.True(e.EpsilonSpent <= 1.25, $"spent {e.EpsilonSpent}"));
        // Once something is spent, no event reports less than zero-spent again (stages without a figure keep the last one).
        var spent = events.Select(e => e.EpsilonSpent).SkipWhile(e => e == 0).ToList();
        Assert.DoesNotContain(0.0, spent);
        Assert.True(finished.EpsilonSpent is > 0 and <= 1.0 + 1e-9, $"final epsilon {finished.EpsilonSpent}");

        // Not released yet: generation is refused until audit and approval.
        string modelId = finished.ModelId;
        var notReleased = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 10 }));
        Assert.Equal(StatusCode.FailedPrecondition, notReleased.StatusCode);
        var tooEarly = await Assert.ThrowsAsync<RpcException>(() => new GovernanceService.GovernanceServiceClient(reviewer).ApproveReleaseAsync(new ReviewRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, tooEarly.StatusCode);

        var audit = await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId, Canaries = 0, Seed = 3 });
        Assert.Equal(AuditVerdict.Pass, audit.Verdict);
        Assert.Equal(ReleaseState.AwaitingReview, audit.ReleaseState);
        Assert.False(audit.ReleaseDecision.Allowed);
        Assert.Contains(audit.ReleaseDecision.Reasons, r => r.Contains("reviewer", StringComparison.Ordinal));
        Assert.StartsWith("<!DOCTYPE html>", (await ServerFlow.ReportHtmlAsync(owner, modelId)).TrimStart(), StringComparison.OrdinalIgnoreCase);
        using (var report = JsonDocument.Parse(audit.ReportJson)) Assert.True(report.RootElement.GetProperty("attacks").GetArrayLength() >= 3);
        Assert.InRange(audit.Guarantee.Epsilon, 0.9, 1.0 + 1e-9);

        // The model as a resource: its version, state, guarantee and audit figures (not for consumers: raw-row figures).
        var models = new ModelService.ModelServiceClient(owner);
        var model = await models.GetModelAsync(new GetModelRequest { ModelId = modelId });
        Assert.Equal((1, ModelState.Audited, ReleaseState.AwaitingReview, dataset.Id, job.Id), (model.Version, model.State, model.ReleaseState, model.DatasetId, model.JobId));
        Assert.Equal(audit.Guarantee.Epsilon, model.Guarantee.Epsilon, 12);
        Assert.Equal(AuditVerdict.Pass, model.AuditSummary.Verdict);
        Assert.InRange(model.AuditSummary.MaxAttackAucUpper, 0.5, 1);
        Assert.False(model.AuditSummary.HasEmpiricalEpsilon); // no canaries
        Assert.Equal(modelId, Assert.Single((await models.ListModelsAsync(new ListModelsRequest { DatasetId = dataset.Id })).Models).Id);
        var consumerView = await new ModelService.ModelServiceClient(consumer).GetModelAsync(new GetModelRequest { ModelId = modelId });
        Assert.Null(consumerView.AuditSummary);
        Assert.Equal(model.Guarantee, consumerView.Guarantee);

        // The report is readable by the tenant's reviewers (and owner), not by another tenant.
        var fetched = await new AuditService.AuditServiceClient(reviewer).GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId });
        Assert.Equal(audit.ReportJson, fetched.ReportJson);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => new AuditService.AuditServiceClient(outsider).GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);

        // Only reviewers approve.
        var ownerApproves = await Assert.ThrowsAsync<RpcException>(() => new GovernanceService.GovernanceServiceClient(owner).ApproveReleaseAsync(new ReviewRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ownerApproves.StatusCode);
        var review = await new GovernanceService.GovernanceServiceClient(reviewer).ApproveReleaseAsync(new ReviewRequest { ModelId = modelId, Comment = "figures checked" });
        Assert.True(review.Released);
        Assert.Equal(ReleaseState.Released, review.ReleaseState);
        Assert.Equal(ReleaseState.Released, (await models.GetModelAsync(new GetModelRequest { ModelId = modelId })).ReleaseState);
        Assert.True(review.ReleaseDecision.Allowed);

        // Another tenant's consumer cannot see the model; this tenant's consumer streams it.
        var foreignGenerate = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.GenerateAsync(outsiderConsumer, new GenerateRequest { ModelId = modelId, Rows = 10 }));
        Assert.Equal(StatusCode.NotFound, foreignGenerate.StatusCode);
        var file = await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 5000, Seed = 11, RowGroupSize = 1000 });
        Assert.Equal(5000, file.Summary.Rows);
        Assert.True(file.Chunks >= 1);

        await using var parquet = await ParquetReader.CreateAsync(new MemoryStream(file.Bytes));
        Assert.Equal(5, parquet.RowGroupCount);
        Assert.Equal(5000, Enumerable.Range(0, parquet.RowGroupCount).Sum(i => parquet.OpenRowGroupReader(i).RowCount));
        Assert.Equal(file.Header.GovernanceJson, parquet.CustomMetadata["synthdata.governance"]);
        using var governance = JsonDocument.Parse(file.Header.GovernanceJson);
        var root = governance.RootElement;
        Assert.Equal(audit.Guarantee.Epsilon, root.GetProperty("privacy").GetProperty("epsilon").GetDouble(), 12);
        Assert.Equal(modelId, root.GetProperty("model").GetProperty("id").GetString());
        Assert.Equal(TestPolicies.ReviewRequired, root.GetProperty("policy").GetProperty("id").GetString());
        Assert.True(root.GetProperty("policy").GetProperty("release").GetProperty("allowed").GetBoolean());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("reviewer").GetProperty("approved_by").GetString()));
        Assert.Equal(5000, root.GetProperty("generation").GetProperty("rows").GetInt64());

        // The same seed gives the same rows (the footer differs only by its timestamp): a release can be reproduced.
        var again = await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 5000, Seed = 11, RowGroupSize = 1000 });
        Assert.Equal(ReadRows(file.Bytes), ReadRows(again.Bytes));

        // The budget shows the settled run; the audit log tells the story without a data value.
        var budget = await new GovernanceService.GovernanceServiceClient(reviewer).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id });
        Assert.InRange(budget.SpentEpsilon, 0.9, 1.0 + 1e-9);
        Assert.Equal(budget.SpentEpsilon, budget.CommittedEpsilon, 12);
        Assert.Equal(10 - budget.CommittedEpsilon, budget.RemainingEpsilon, 9);
        var log = await new GovernanceService.GovernanceServiceClient(owner).ListAuditLogAsync(new ListAuditLogRequest());
        var actions = log.Entries.Select(e => e.Action).ToHashSet();
        foreach (var action in new[] { "dataset.uploaded", "training.admitted", "model.trained", "model.audited", "model.approved", "model.generated" })
            Assert.Contains(action, actions);
    }

    [Fact]
    public async Task A_reviewer_can_withdraw_a_release_and_erasing_the_raw_rows_stops_audits_but_not_released_generation()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var reviewer = server.As((await server.CreateKeyAsync("acme", Role.Reviewer)).ApiKey);
        var consumer = server.As((await server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner); // the default policy: no reviewer needed
        string modelId = await ServerFlow.TrainOneEpochAsync(owner, dataset.Id);
        var audits = new AuditService.AuditServiceClient(owner);

        // The audit is a job: watched and cancelled like training. A second audit of the same model waits its turn;
        // a cancelled audit records nothing, so the model stays pending and has no report.
        var cancelledAudit = await audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId, Canaries = 200 });
        var twice = await Assert.ThrowsAsync<RpcException>(() => audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        var jobs = new JobService.JobServiceClient(owner);
        using (var watch = jobs.WatchJob(new WatchJobRequest { JobId = cancelledAudit.Id }))
        {
            while (await watch.ResponseStream.MoveNext() && watch.ResponseStream.Current.State != JobState.Running) { }
            Assert.Equal(JobState.Running, watch.ResponseStream.Current.State); // the audit computes for seconds: cancelled while it runs
            await jobs.CancelJobAsync(new CancelJobRequest { JobId = cancelledAudit.Id });
            while (await watch.ResponseStream.MoveNext()) { }
        }
        var ended = await jobs.GetJobAsync(new GetJobRequest { JobId = cancelledAudit.Id });
        Assert.Equal((JobKind.Audit, JobState.Cancelled, modelId), (ended.Kind, ended.State, ended.ModelId));
        var pending = await new ModelService.ModelServiceClient(owner).GetModelAsync(new GetModelRequest { ModelId = modelId });
        Assert.Equal((ModelState.Trained, ReleaseState.PendingAudit), (pending.State, pending.ReleaseState));
        var noReport = await Assert.ThrowsAsync<RpcException>(() => audits.GetAuditReportAsync(new GetAuditReportRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, noReport.StatusCode);

        var audit = await ServerFlow.AuditAsync(owner, new RunAuditRequest { ModelId = modelId });
        Assert.True(audit.ReleaseDecision.Allowed); // passes and needs no approval: released at once
        var released = await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 100 });
        Assert.Equal(100, released.Summary.Rows);

        // A released model cannot be re-audited in place; a reviewer's rejection withdraws the release.
        var reaudit = await Assert.ThrowsAsync<RpcException>(() => audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, reaudit.StatusCode);
        var governance = new GovernanceService.GovernanceServiceClient(reviewer);
        var rejected = await governance.RejectReleaseAsync(new ReviewRequest { ModelId = modelId, Comment = "withdrawn pending legal review" });
        Assert.False(rejected.Released);
        Assert.Contains(rejected.ReleaseDecision.Reasons, r => r.Contains("rejected", StringComparison.Ordinal));
        var refused = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 100 }));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.True((await governance.ApproveReleaseAsync(new ReviewRequest { ModelId = modelId })).Released); // the latest review counts

        // Erasing the raw rows keeps the model usable but makes audits and training impossible.
        await new DatasetService.DatasetServiceClient(owner).DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = dataset.Id });
        Assert.Equal(100, (await ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 100 })).Summary.Rows);
        await governance.RejectReleaseAsync(new ReviewRequest { ModelId = modelId });
        var erased = await Assert.ThrowsAsync<RpcException>(() => audits.RunAuditAsync(new RunAuditRequest { ModelId = modelId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, erased.StatusCode);
        Assert.Contains("erased", erased.Status.Detail);
        var train = await Assert.ThrowsAsync<RpcException>(() => new TrainingService.TrainingServiceClient(owner).StartTrainingAsync(ServerFlow.ShortRun(dataset.Id)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, train.StatusCode);
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => ServerFlow.GenerateAsync(consumer, new GenerateRequest { ModelId = modelId, Rows = 100_000_001 }));
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
    }

    [Fact]
    public async Task Admission_refuses_what_the_policy_forbids_and_reserves_nothing()
    {
        await using var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());
        var owner = server.As((await server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var dataset = await Uploads.UploadBankAsync(owner, TestPolicies.TinyBudget);
        var training = new TrainingService.TrainingServiceClient(owner);

        // Above the policy's maximum per release (1): FAILED_PRECONDITION naming the rule, and no job.
        var denied = await Assert.ThrowsAsync<RpcException>(() => training.StartTrainingAsync(ServerFlow.ShortRun(dataset.Id, epsilon: 2)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, denied.StatusCode);
        Assert.Contains("maximum per release", denied.Status.Detail);
        var bad = await Assert.ThrowsAsync<RpcException>(() => training.StartTrainingAsync(new StartTrainingRequest { DatasetId = dataset.Id, Epsilon = -1 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => training.StartTrainingAsync(ServerFlow.ShortRun("ds_missing")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Empty((await new JobService.JobServiceClient(owner).ListJobsAsync(new ListJobsRequest())).Jobs);
        var budget = await new GovernanceService.GovernanceServiceClient(owner).GetBudgetAsync(new GetBudgetRequest { DatasetId = dataset.Id });
        Assert.Equal(0, budget.CommittedEpsilon);

        // An unknown policy is refused at upload.
        var unknownPolicy = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadBankAsync(owner, "no-such-policy"));
        Assert.Equal(StatusCode.InvalidArgument, unknownPolicy.StatusCode);
        var policies = await new GovernanceService.GovernanceServiceClient(owner).ListPoliciesAsync(new ListPoliciesRequest());
        Assert.Equal(["default", TestPolicies.ReviewRequired, TestPolicies.TinyBudget], policies.Policies.Select(p => p.Id).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Every cell of a Parquet file as text, through Core's reader.</summary>
    internal static List<string> ReadRows(byte[] parquet)
    {
        string path = Path.Combine(TestFiles.NewTempDirectory(), "synthetic.parquet");
        File.WriteAllBytes(path, parquet);
        using var reader = SynthData.Core.Tabular.Io.TableReaders.Open(path, new SynthData.Core.Tabular.Io.TableReadOptions());
        return reader.ReadRows().Select(r => string.Join("\u0001", r.Cells)).ToList();
    }
}
