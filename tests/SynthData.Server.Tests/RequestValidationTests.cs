using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Server.Validation;
using StatusCode = Grpc.Core.StatusCode;

namespace SynthData.Server.Tests;

/// <summary>
/// Every RPC of every service, called with bad values against the real server: each call ends with the exact
/// status code and a google.rpc.ErrorInfo (domain synthdata.dev, the reason the code implies), an INVALID_ARGUMENT
/// names the field (message and google.rpc.BadRequest), a policy denial lists one PreconditionFailure violation per
/// reason, an over-long id is never echoed beyond a short prefix, nothing is admitted or reserved, and no call ends UNKNOWN.
/// </summary>
public sealed class RequestValidationTests : IAsyncLifetime
{
    const int MaxGenerateRows = 1000;
    static readonly string LongId = "ds_" + new string('x', 200);

    RunningServer _server = null!;
    CallInvoker _owner = null!, _reviewer = null!, _consumer = null!, _admin = null!;
    Dataset _dataset = null!;
    readonly HashSet<string> _called = [];

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: $"--SynthData:MaxGenerateRows={MaxGenerateRows}");
        _owner = _server.As((await _server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        _reviewer = _server.As((await _server.CreateKeyAsync("acme", Role.Reviewer)).ApiKey);
        _consumer = _server.As((await _server.CreateKeyAsync("acme", Role.Consumer)).ApiKey);
        _admin = _server.As((await _server.CreateKeyAsync("acme", Role.Admin)).ApiKey);
        _dataset = await Uploads.UploadBankAsync(_owner);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Runs the call, which must fail with <paramref name="expected"/> (never UNKNOWN), and records the RPC as covered.</summary>
    async Task<RpcException> Expect(string rpc, StatusCode expected, Func<Task> call)
    {
        _called.Add(rpc);
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.NotEqual(StatusCode.Unknown, e.StatusCode);
        Assert.True(expected == e.StatusCode, $"{rpc}: expected {expected}, got {e.StatusCode}: {e.Status.Detail}");
        Assert.DoesNotContain(LongId[..40], e.Status.Detail); // an id is quoted by a short prefix at most
        var info = e.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.True(info is not null, $"{rpc}: no ErrorInfo in {e.StatusCode}: {e.Status.Detail}");
        Assert.Equal(ErrorDetails.Domain, info.Domain);
        // FAILED_PRECONDITION has several reasons (policy, budget, state); every other code has exactly one.
        if (expected != StatusCode.FailedPrecondition) Assert.Equal(ErrorDetails.ReasonOf(expected), info.Reason);
        return e;
    }

    /// <summary>A policy denial: FAILED_PRECONDITION, reason POLICY_DENIED, one precondition violation per policy reason.</summary>
    async Task Denied(string rpc, int reasons, Func<Task> call)
    {
        var e = await Expect(rpc, StatusCode.FailedPrecondition, call);
        var status = e.GetRpcStatus()!;
        Assert.Equal("POLICY_DENIED", status.GetDetail<ErrorInfo>().Reason);
        var violations = status.GetDetail<PreconditionFailure>()?.Violations ?? [];
        Assert.True(violations.Count == reasons, $"{rpc}: expected {reasons} violations, got [{string.Join(" | ", violations.Select(v => v.Description))}]");
        Assert.All(violations, v => Assert.Equal("POLICY", v.Type));
        Assert.All(violations, v => Assert.Contains(v.Description, e.Status.Detail)); // the one-line message still joins them
    }

    /// <summary>INVALID_ARGUMENT whose message and field violation both name <paramref name="field"/>.</summary>
    async Task Invalid(string rpc, string field, Func<Task> call)
    {
        var e = await Expect(rpc, StatusCode.InvalidArgument, call);
        Assert.Contains(field, e.Status.Detail);
        var violations = e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
        Assert.True(violations.Contains(field), $"{rpc}: no field violation for {field} (got [{string.Join(", ", violations)}]; {e.Status.Detail})");
    }

    static async Task Drain<T>(AsyncServerStreamingCall<T> call)
    {
        using (call) await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
    }

    static async Task UploadHeader(CallInvoker invoker, UploadDatasetRequest first, bool withChunk = true)
    {
        using var call = new DatasetService.DatasetServiceClient(invoker).UploadDataset();
        try
        {
            await call.RequestStream.WriteAsync(first);
            if (withChunk) await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFromUtf8("a,b\n1,2\n") });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException) { } // refused early: the status comes with the response
        await call.ResponseAsync;
    }

    static UploadDatasetRequest Header(Action<UploadDatasetHeader> change)
    {
        var header = new UploadDatasetHeader { Name = "t", Format = DataFormat.Csv };
        change(header);
        return new UploadDatasetRequest { Header = header };
    }

    StartTrainingRequest Training(Action<StartTrainingRequest> change)
    {
        var request = new StartTrainingRequest { DatasetId = _dataset.Id, Epsilon = 1, Options = new ModelOptions { Epochs = 1 } };
        change(request);
        return request;
    }

    [Fact]
    public async Task Every_rpc_refuses_bad_values_with_the_exact_code_and_names_the_field()
    {
        // ---- DatasetService ----
        await Invalid("UploadDataset", "header.format", () => UploadHeader(_owner, Header(h => h.Format = DataFormat.Unspecified)));
        await Invalid("UploadDataset", "header.delimiter", () => UploadHeader(_owner, Header(h => h.Delimiter = ";;")));
        await Invalid("UploadDataset", "header.policy_id", () => UploadHeader(_owner, Header(h => h.PolicyId = "no-such-policy")));
        await Invalid("UploadDataset", "header.policy_id", () => UploadHeader(_owner, Header(h => h.PolicyId = LongId)));
        await Invalid("UploadDataset", "header.name", () => UploadHeader(_owner, Header(h => h.Name = new string('n', 201))));
        await Invalid("UploadDataset", "header", () => UploadHeader(_owner, new UploadDatasetRequest { Chunk = ByteString.CopyFromUtf8("a\n1\n") }));
        await Expect("UploadDataset", StatusCode.InvalidArgument, () => UploadHeader(_owner, Header(_ => { }), withChunk: false)); // empty upload
        await Expect("UploadDataset", StatusCode.PermissionDenied, () => UploadHeader(_reviewer, Header(_ => { })));

        var datasets = new DatasetService.DatasetServiceClient(_owner);
        await Invalid("GetDataset", "dataset_id", () => datasets.GetDatasetAsync(new GetDatasetRequest()).ResponseAsync);
        await Invalid("GetDataset", "dataset_id", () => datasets.GetDatasetAsync(new GetDatasetRequest { DatasetId = LongId }).ResponseAsync);
        await Expect("GetDataset", StatusCode.NotFound, () => datasets.GetDatasetAsync(new GetDatasetRequest { DatasetId = "ds_missing" }).ResponseAsync);
        await Expect("ListDatasets", StatusCode.PermissionDenied, () => new DatasetService.DatasetServiceClient(_consumer).ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync);
        await Expect("ListDatasets", StatusCode.Unauthenticated, () => new DatasetService.DatasetServiceClient(_server.As("sdk_wrong")).ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync);
        await Invalid("DeleteDataset", "dataset_id", () => datasets.DeleteDatasetAsync(new DeleteDatasetRequest()).ResponseAsync);
        await Invalid("DeleteDataset", "dataset_id", () => datasets.DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = LongId }).ResponseAsync);
        await Expect("DeleteDataset", StatusCode.NotFound, () => datasets.DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = "ds_missing" }).ResponseAsync);

        // ---- TrainingService ----
        var training = new TrainingService.TrainingServiceClient(_owner);
        var jobs = new JobService.JobServiceClient(_owner);
        Task Start(Action<StartTrainingRequest> change) => training.StartTrainingAsync(Training(change)).ResponseAsync;
        foreach (double epsilon in new[] { 0, -1, double.NaN, double.PositiveInfinity, 1e-9, 1e300 })
            await Invalid("StartTraining", "epsilon", () => Start(r => r.Epsilon = epsilon));
        foreach (double delta in new[] { 0, 0.5, 1, 1.5, -1e-9, double.NaN, 1.0 / 3000 }) // the sample has 4,000 rows: 1/3000 >= 1/N
            await Invalid("StartTraining", "delta", () => Start(r => r.Delta = delta));
        // Unset means the default (optional fields): a set 0 is a value like any other, and out of range.
        await Invalid("StartTraining", "options.epochs", () => Start(r => { r.ClearDelta(); r.Options.Epochs = -1; }));
        foreach (int epochs in new[] { 0, -1, 10_001, int.MaxValue })
            await Invalid("StartTraining", "options.epochs", () => Start(r => r.Options.Epochs = epochs));
        foreach (int batch in new[] { 0, -1, 1_000_001 })
            await Invalid("StartTraining", "options.batch_size", () => Start(r => r.Options.BatchSize = batch));
        foreach (double norm in new[] { 0, -1, double.NaN, double.PositiveInfinity })
            await Invalid("StartTraining", "options.max_grad_norm", () => Start(r => r.Options.MaxGradNorm = norm));
        foreach (double rate in new[] { -0.1, 2, double.NaN })
            await Invalid("StartTraining", "options.learning_rate", () => Start(r => r.Options.LearningRate = rate));
        await Invalid("StartTraining", "options.seed", () => Start(r => r.Options.Seed = 1L << 40));
        await Invalid("StartTraining", "options.latent_dim", () => Start(r => r.Options.LatentDim = -1));
        await Invalid("StartTraining", "options.hidden_sizes", () => Start(r => r.Options.HiddenSizes.Add(0)));
        await Invalid("StartTraining", "dataset_id", () => Start(r => r.DatasetId = ""));
        await Invalid("StartTraining", "dataset_id", () => Start(r => r.DatasetId = LongId));
        await Expect("StartTraining", StatusCode.NotFound, () => Start(r => r.DatasetId = "ds_missing"));
        await Expect("StartTraining", StatusCode.PermissionDenied, () => new TrainingService.TrainingServiceClient(_reviewer).StartTrainingAsync(Training(_ => { })).ResponseAsync);
        // Policy denials (the default policy: epsilon at most 3, at least 1,000 rows, delta at most 0.1/N).
        await Denied("StartTraining", reasons: 1, () => Start(r => r.Epsilon = 5));
        var small = await Uploads.UploadAsync(_owner, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(TestFiles.BankCsv).Take(601)) + "\n"),
            DataFormat.Csv, "bank-600", File.ReadAllText(TestFiles.BankSchema));
        // Too few rows and a delta between the policy's 0.1/N and the hard 1/N: two reasons, two violations.
        await Denied("StartTraining", reasons: 2, () => Start(r => { r.DatasetId = small.Id; r.Delta = 0.5 / small.RowCount; }));

        await Invalid("WatchJob", "job_id", () => Drain(jobs.WatchJob(new WatchJobRequest())));
        await Invalid("WatchJob", "job_id", () => Drain(jobs.WatchJob(new WatchJobRequest { JobId = LongId })));
        await Expect("WatchJob", StatusCode.NotFound, () => Drain(jobs.WatchJob(new WatchJobRequest { JobId = "job_missing" })));
        await Invalid("GetJob", "job_id", () => jobs.GetJobAsync(new GetJobRequest()).ResponseAsync);
        await Invalid("GetJob", "job_id", () => jobs.GetJobAsync(new GetJobRequest { JobId = LongId }).ResponseAsync);
        await Expect("GetJob", StatusCode.NotFound, () => jobs.GetJobAsync(new GetJobRequest { JobId = "job_missing" }).ResponseAsync);
        await Invalid("ListJobs", "dataset_id", () => jobs.ListJobsAsync(new ListJobsRequest { DatasetId = LongId }).ResponseAsync);
        await Invalid("ListJobs", "page_size", () => jobs.ListJobsAsync(new ListJobsRequest { PageSize = -1 }).ResponseAsync);
        await Invalid("ListJobs", "page_token", () => jobs.ListJobsAsync(new ListJobsRequest { PageToken = "not-a-token" }).ResponseAsync);
        await Expect("ListJobs", StatusCode.PermissionDenied, () => new JobService.JobServiceClient(_consumer).ListJobsAsync(new ListJobsRequest()).ResponseAsync);
        await Invalid("CancelJob", "job_id", () => jobs.CancelJobAsync(new CancelJobRequest()).ResponseAsync);
        await Invalid("CancelJob", "job_id", () => jobs.CancelJobAsync(new CancelJobRequest { JobId = LongId }).ResponseAsync);
        await Expect("CancelJob", StatusCode.NotFound, () => jobs.CancelJobAsync(new CancelJobRequest { JobId = "job_missing" }).ResponseAsync);

        // ---- AuditService ----
        var audits = new AuditService.AuditServiceClient(_owner);
        await Invalid("RunAudit", "model_id", () => audits.RunAuditAsync(new RunAuditRequest()).ResponseAsync);
        await Invalid("RunAudit", "model_id", () => audits.RunAuditAsync(new RunAuditRequest { ModelId = LongId }).ResponseAsync);
        await Invalid("RunAudit", "canaries", () => audits.RunAuditAsync(new RunAuditRequest { ModelId = "model_missing", Canaries = -1 }).ResponseAsync);
        await Invalid("RunAudit", "canaries", () => audits.RunAuditAsync(new RunAuditRequest { ModelId = "model_missing", Canaries = 10_001 }).ResponseAsync);
        await Invalid("RunAudit", "seed", () => audits.RunAuditAsync(new RunAuditRequest { ModelId = "model_missing", Seed = long.MaxValue }).ResponseAsync);
        await Expect("RunAudit", StatusCode.NotFound, () => audits.RunAuditAsync(new RunAuditRequest { ModelId = "model_missing" }).ResponseAsync);
        await Expect("RunAudit", StatusCode.PermissionDenied, () => new AuditService.AuditServiceClient(_reviewer).RunAuditAsync(new RunAuditRequest { ModelId = "model_missing" }).ResponseAsync);
        await Invalid("GetAuditReport", "model_id", () => audits.GetAuditReportAsync(new GetAuditReportRequest()).ResponseAsync);
        await Invalid("GetAuditReport", "model_id", () => audits.GetAuditReportAsync(new GetAuditReportRequest { ModelId = LongId }).ResponseAsync);
        await Expect("GetAuditReport", StatusCode.NotFound, () => audits.GetAuditReportAsync(new GetAuditReportRequest { ModelId = "model_missing" }).ResponseAsync);
        await Expect("GetAuditReport", StatusCode.PermissionDenied, () => new AuditService.AuditServiceClient(_consumer).GetAuditReportAsync(new GetAuditReportRequest { ModelId = "model_missing" }).ResponseAsync);
        await Invalid("StreamAuditReportHtml", "model_id", () => Drain(audits.StreamAuditReportHtml(new GetAuditReportRequest())));
        await Expect("StreamAuditReportHtml", StatusCode.NotFound, () => Drain(audits.StreamAuditReportHtml(new GetAuditReportRequest { ModelId = "model_missing" })));
        await Expect("StreamAuditReportHtml", StatusCode.PermissionDenied, () => Drain(new AuditService.AuditServiceClient(_consumer).StreamAuditReportHtml(new GetAuditReportRequest { ModelId = "model_missing" })));

        // ---- ModelService ----
        var models = new ModelService.ModelServiceClient(_owner);
        await Invalid("GetModel", "model_id", () => models.GetModelAsync(new GetModelRequest()).ResponseAsync);
        await Invalid("GetModel", "model_id", () => models.GetModelAsync(new GetModelRequest { ModelId = LongId }).ResponseAsync);
        await Expect("GetModel", StatusCode.NotFound, () => models.GetModelAsync(new GetModelRequest { ModelId = "model_missing" }).ResponseAsync);
        await Invalid("ListModels", "dataset_id", () => models.ListModelsAsync(new ListModelsRequest { DatasetId = LongId }).ResponseAsync);
        await Invalid("ListModels", "page_size", () => models.ListModelsAsync(new ListModelsRequest { PageSize = 1001 }).ResponseAsync);
        await Invalid("ListModels", "page_token", () => models.ListModelsAsync(new ListModelsRequest { PageToken = "c2QxCm1vZGVscy9kc19vdGhlcgp4" }).ResponseAsync); // issued for another dataset
        await Expect("ListModels", StatusCode.PermissionDenied, () => new ModelService.ModelServiceClient(_admin).ListModelsAsync(new ListModelsRequest()).ResponseAsync);

        // ---- GenerationService ----
        var generation = new GenerationService.GenerationServiceClient(_consumer);
        Task Generate(GenerateRequest request) => Drain(generation.Generate(request));
        foreach (long rows in new[] { 0L, -5, MaxGenerateRows + 1, long.MaxValue })
            await Invalid("Generate", "rows", () => Generate(new GenerateRequest { ModelId = "model_missing", Rows = rows }));
        await Invalid("Generate", "row_group_size", () => Generate(new GenerateRequest { ModelId = "model_missing", Rows = 10, RowGroupSize = -1 }));
        await Invalid("Generate", "seed", () => Generate(new GenerateRequest { ModelId = "model_missing", Rows = 10, Seed = 1L << 33 }));
        await Invalid("Generate", "model_id", () => Generate(new GenerateRequest { Rows = 10 }));
        await Invalid("Generate", "model_id", () => Generate(new GenerateRequest { ModelId = LongId, Rows = 10 }));
        await Expect("Generate", StatusCode.NotFound, () => Generate(new GenerateRequest { ModelId = "model_missing", Rows = 10 }));
        await Expect("Generate", StatusCode.PermissionDenied, () => Drain(new GenerationService.GenerationServiceClient(_reviewer).Generate(new GenerateRequest { ModelId = "model_missing", Rows = 10 })));

        // ---- GovernanceService ----
        var governance = new GovernanceService.GovernanceServiceClient(_reviewer);
        await Invalid("ListPolicies", "page_token", () => governance.ListPoliciesAsync(new ListPoliciesRequest { PageToken = "%%%" }).ResponseAsync);
        await Expect("ListPolicies", StatusCode.Unauthenticated, () => new GovernanceService.GovernanceServiceClient(_server.As(null)).ListPoliciesAsync(new ListPoliciesRequest()).ResponseAsync);
        await Invalid("GetBudget", "dataset_id", () => governance.GetBudgetAsync(new GetBudgetRequest()).ResponseAsync);
        await Invalid("GetBudget", "dataset_id", () => governance.GetBudgetAsync(new GetBudgetRequest { DatasetId = LongId }).ResponseAsync);
        await Expect("GetBudget", StatusCode.NotFound, () => governance.GetBudgetAsync(new GetBudgetRequest { DatasetId = "ds_missing" }).ResponseAsync);
        foreach (bool approve in new[] { true, false })
        {
            string rpc = approve ? "ApproveRelease" : "RejectRelease";
            Task Review(ReviewRequest request) => approve ? governance.ApproveReleaseAsync(request).ResponseAsync : governance.RejectReleaseAsync(request).ResponseAsync;
            await Invalid(rpc, "model_id", () => Review(new ReviewRequest()));
            await Invalid(rpc, "model_id", () => Review(new ReviewRequest { ModelId = LongId }));
            await Invalid(rpc, "comment", () => Review(new ReviewRequest { ModelId = "model_missing", Comment = new string('c', 2001) }));
            await Expect(rpc, StatusCode.NotFound, () => Review(new ReviewRequest { ModelId = "model_missing" }));
        }
        await Invalid("ListAuditLog", "page_size", () => governance.ListAuditLogAsync(new ListAuditLogRequest { PageSize = -1 }).ResponseAsync);
        await Invalid("ListAuditLog", "page_size", () => governance.ListAuditLogAsync(new ListAuditLogRequest { PageSize = 1001 }).ResponseAsync);
        await Invalid("ListAuditLog", "page_token", () => governance.ListAuditLogAsync(new ListAuditLogRequest { PageToken = "c2QxCnBvbGljaWVzCmRlZmF1bHQ" }).ResponseAsync);
        await Invalid("ListAuditLog", "subject_id", () => governance.ListAuditLogAsync(new ListAuditLogRequest { SubjectId = LongId }).ResponseAsync);

        // ---- AdminService ----
        var admin = new AdminService.AdminServiceClient(_admin);
        await Invalid("CreateApiKey", "tenant", () => admin.CreateApiKeyAsync(new CreateApiKeyRequest { Role = Role.Owner }).ResponseAsync);
        await Invalid("CreateApiKey", "tenant", () => admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme corp!", Role = Role.Owner }).ResponseAsync);
        await Invalid("CreateApiKey", "role", () => admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme" }).ResponseAsync);
        await Invalid("CreateApiKey", "role", () => admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = (Role)99 }).ResponseAsync);
        await Invalid("CreateApiKey", "label", () => admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = Role.Owner, Label = new string('l', 201) }).ResponseAsync);
        await Expect("CreateApiKey", StatusCode.PermissionDenied, () => admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "other-co", Role = Role.Owner }).ResponseAsync);
        await Invalid("ListApiKeys", "tenant", () => admin.ListApiKeysAsync(new ListApiKeysRequest { Tenant = "no such tenant" }).ResponseAsync);
        await Expect("ListApiKeys", StatusCode.PermissionDenied, () => admin.ListApiKeysAsync(new ListApiKeysRequest { Tenant = "other-co" }).ResponseAsync);
        await Invalid("ListApiKeys", "page_size", () => admin.ListApiKeysAsync(new ListApiKeysRequest { PageSize = -5 }).ResponseAsync);
        await Invalid("RevokeApiKey", "key_id", () => admin.RevokeApiKeyAsync(new RevokeApiKeyRequest()).ResponseAsync);
        await Invalid("RevokeApiKey", "key_id", () => admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = LongId }).ResponseAsync);
        await Expect("RevokeApiKey", StatusCode.NotFound, () => admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = "key_missing" }).ResponseAsync);

        // Every RPC was exercised, and none of the refusals admitted a run or reserved budget.
        var all = new[] { DatasetService.Descriptor, TrainingService.Descriptor, JobService.Descriptor, ModelService.Descriptor, AuditService.Descriptor, GenerationService.Descriptor,
            GovernanceService.Descriptor, AdminService.Descriptor }.SelectMany(d => d.Methods.Select(m => m.Name));
        Assert.Equal(all.Order(), _called.Order());
        Assert.Empty((await jobs.ListJobsAsync(new ListJobsRequest())).Jobs);
        Assert.Equal(0, (await governance.GetBudgetAsync(new GetBudgetRequest { DatasetId = _dataset.Id })).CommittedEpsilon);
        Assert.Equal(0, (await governance.GetBudgetAsync(new GetBudgetRequest { DatasetId = small.Id })).CommittedEpsilon);
    }
}
