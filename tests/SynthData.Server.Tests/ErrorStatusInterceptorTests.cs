using Grpc.Core;
using Microsoft.Extensions.Logging;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Tabular;
using SynthData.Server.Hosting;

namespace SynthData.Server.Tests;

/// <summary>
/// How the outermost interceptor turns exceptions into statuses: Core's user-facing errors keep their message,
/// a deliberate status passes through, and anything unexpected is INTERNAL with a fixed message and a reference
/// that the log line carries, without the exception's message (it may quote a private cell).
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

    static async Task<(RpcException Error, List<string> Log)> Call(Exception thrown)
    {
        var logger = new CapturingLogger();
        var interceptor = new ErrorStatusInterceptor(logger);
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
        var argument = await Call(new ArgumentOutOfRangeException("epochs", PrivateCell, "bad"));
        Assert.Equal(StatusCode.InvalidArgument, argument.Error.StatusCode);
        Assert.Contains("epochs", argument.Error.Status.Detail);
        Assert.DoesNotContain(PrivateCell, argument.Error.Status.Detail);
        var deliberate = await Call(new RpcException(new Status(StatusCode.NotFound, "No model 'm'.")));
        Assert.Equal((StatusCode.NotFound, "No model 'm'."), (deliberate.Error.StatusCode, deliberate.Error.Status.Detail));
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
        // Each failure gets its own reference.
        Assert.NotEqual(error.Status.Detail, (await Call(new InvalidOperationException("x"))).Error.Status.Detail);
    }
}
