using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using SynthData.Core;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Tabular;
using SynthData.Server.Hosting;
using SynthData.Server.Validation;
using Status = Grpc.Core.Status;
using StatusCode = Grpc.Core.StatusCode;

namespace SynthData.Server.Tests;

/// <summary>
/// How the outermost interceptor turns exceptions into statuses: Core's user-facing errors keep their message and
/// get the code and details their reason calls for, a deliberate status passes through with an ErrorInfo added, and
/// anything unexpected (an argument exception included: user mistakes are typed) is INTERNAL with a fixed message and
/// a reference that the log line carries, without the exception's message (it may quote a private cell).
/// </summary>
public sealed class ErrorStatusInterceptorTests
{
    const string PrivateCell = "alice.smith@example.org";

    sealed class CapturingLogger : ILogger<ErrorStatusInterceptor>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }

    sealed class Context : ServerCallContext
    {
        protected override string MethodCore => "/synthdata.v1.Test/Call";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);
        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }

    static readonly Lazy<Storage.ServerStore> Store = new(() => new Storage.ServerStore(TestFiles.NewTempDirectory()));

    [Fact]
    public async Task A_store_that_does_not_answer_is_unavailable_with_a_retry_delay_and_no_message_of_its_own()
    {
        var busy = await Call(new Microsoft.Data.Sqlite.SqliteException("database is locked near 'customer-000002@example.com'", 5));
        Assert.Equal(StatusCode.Unavailable, busy.Error.StatusCode);
        Assert.Equal(ErrorStatusInterceptor.StoreRetryDelay, busy.Error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan());
        Assert.Equal("UNAVAILABLE", Reason(busy.Error).Reason);
        Assert.DoesNotContain("example.com", busy.Error.Status.Detail + string.Join("\n", busy.Log));
    }

    static async Task<(RpcException Error, List<string> Log)> Call(Exception thrown)
    {
        var logger = new CapturingLogger();
        var interceptor = new ErrorStatusInterceptor(logger, Store.Value);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", new Context(), (_, _) => Task.FromException<string>(thrown)));
        return (error, logger.Lines);
    }

    [Fact]
    public async Task Core_user_facing_errors_keep_their_message_with_the_right_code()
    {
        var format = await Call(new TableFormatException("upload.csv", 12, "age", "an integer"));
        Assert.Equal(StatusCode.InvalidArgument, format.Error.StatusCode);
        Assert.Contains("age", format.Error.Status.Detail);
        var budget = await Call(new BudgetExhaustedException("the dataset's lifetime epsilon would pass its budget"));
        Assert.Equal(StatusCode.FailedPrecondition, budget.Error.StatusCode);
        Assert.Equal(("INVALID_INPUT", ErrorDetails.Domain), Reason(format.Error));
        Assert.Null(format.Error.GetRpcStatus()!.GetDetail<BadRequest>()); // about a file, not a request field
        Assert.Equal("BUDGET_EXHAUSTED", Reason(budget.Error).Reason);
        Assert.Single(budget.Error.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations);
        var artifact = await Call(new ModelArtifactException("model.bin: the split key beside it is missing"));
        Assert.Equal((StatusCode.DataLoss, "DATA_LOSS"), (artifact.Error.StatusCode, Reason(artifact.Error).Reason));
        var deliberate = await Call(new RpcException(new Status(StatusCode.NotFound, "No model 'm'.")));
        Assert.Equal((StatusCode.NotFound, "No model 'm'."), (deliberate.Error.StatusCode, deliberate.Error.Status.Detail));
        Assert.Equal("NOT_FOUND", Reason(deliberate.Error).Reason);
        var state = await Call(new RpcException(new Status(StatusCode.FailedPrecondition, "Model 'm' has not been audited yet.")));
        Assert.Equal("FAILED_PRECONDITION", Reason(state.Error).Reason);
        Assert.Equal(("STATE", "Model 'm' has not been audited yet."),
            Assert.Single(state.Error.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations) is var v ? (v.Type, v.Description) : default);
        // A status that already carries details keeps them, and gets an ErrorInfo only if it has none.
        var field = await Call(FieldViolations.Invalid("rows", "must be between 1 and 10"));
        Assert.Equal("rows", Assert.Single(field.Error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Single(field.Error.GetRpcStatus()!.Details, d => d.Is(ErrorInfo.Descriptor));
    }

    static (string Reason, string Domain) Reason(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<ErrorInfo>() is { } info ? (info.Reason, info.Domain) : throw new Xunit.Sdk.XunitException($"no ErrorInfo: {error}");

    [Fact]
    public async Task Invalid_input_names_its_field_in_a_bad_request()
    {
        var (error, _) = await Call(new InvalidInputException("Delta = 0.001 is not below 1/N = 0.00025 for N = 4000 rows.", "delta"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("delta", violation.Field);
        Assert.Contains("1/N", violation.Description);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(("INVALID_INPUT", "delta"), (info.Reason, info.Metadata["field"]));
        // Core's preprocessing refusal is the same kind of error: the field is epsilon.
        var (preprocessing, _) = await Call(new PreprocessingBudgetException(0.001));
        Assert.Equal("epsilon", Assert.Single(preprocessing.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task A_policy_denial_lists_one_precondition_violation_per_reason()
    {
        string[] reasons = ["the table has 600 rows; the policy requires at least 1000", "delta 0.00083 is above the policy's limit 0.1/N = 0.000208"];
        var decision = new PolicyDecision(DecisionStage.Admission, false, reasons, "default", 3, DateTimeOffset.UtcNow);
        var (error, _) = await Call(new PolicyDeniedException(decision));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var status = error.GetRpcStatus()!;
        Assert.Equal(reasons, status.GetDetail<PreconditionFailure>().Violations.Select(v => v.Description));
        Assert.All(status.GetDetail<PreconditionFailure>().Violations, v => Assert.Equal(("POLICY", "policies/default"), (v.Type, v.Subject)));
        var info = status.GetDetail<ErrorInfo>();
        Assert.Equal(("POLICY_DENIED", "default", "3", "admission"),
            (info.Reason, info.Metadata["policy_id"], info.Metadata["policy_version"], info.Metadata["stage"]));
        Assert.Equal("Policy 'default' (version 3) denies the run: " + string.Join("; ", reasons) + ".", error.Status.Detail);
    }

    [Fact]
    public async Task A_full_queue_says_when_to_retry()
    {
        var (error, _) = await Call(new ResourceExhaustedException("The job queue is full (16 waiting); try again later.", TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan());
        Assert.Equal("RESOURCE_EXHAUSTED", Reason(error).Reason);
    }

    [Fact]
    public async Task An_argument_exception_is_a_bug_and_never_shows_its_parameter_or_message()
    {
        var (error, log) = await Call(new ArgumentOutOfRangeException("epochs", PrivateCell, "bad"));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain(PrivateCell, error.Status.Detail);
        Assert.DoesNotContain("epochs", error.Status.Detail);
        Assert.DoesNotContain(PrivateCell, Assert.Single(log));
    }

    [Fact]
    public async Task Running_out_of_memory_is_resource_exhausted_and_the_server_lives_on()
    {
        var (error, log) = await Call(new OutOfMemoryException($"could not hold '{PrivateCell}'"));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.DoesNotContain(PrivateCell, error.Status.Detail);
        Assert.DoesNotContain(PrivateCell, Assert.Single(log));
    }

    [Fact]
    public async Task An_unexpected_exception_is_internal_with_a_reference_and_never_its_message()
    {
        var (error, log) = await Call(new InvalidOperationException($"could not parse '{PrivateCell}'"));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        var match = System.Text.RegularExpressions.Regex.Match(error.Status.Detail, "^internal error; see the server log, reference ([0-9a-f]{12})$");
        Assert.True(match.Success, error.Status.Detail);
        string line = Assert.Single(log);
        Assert.Contains(match.Groups[1].Value, line);
        Assert.Contains(nameof(InvalidOperationException), line);
        Assert.DoesNotContain(PrivateCell, line);
        Assert.DoesNotContain(PrivateCell, error.Status.Detail);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(("INTERNAL", match.Groups[1].Value), (info.Reason, info.Metadata["reference"]));
        Assert.Single(error.GetRpcStatus()!.Details); // the ErrorInfo, nothing else
        // Each failure gets its own reference.
        Assert.NotEqual(error.Status.Detail, (await Call(new InvalidOperationException("x"))).Error.Status.Detail);
    }
}
