using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Core.Interceptors;
using SynthData.Core;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model;

namespace SynthData.Server.Hosting;

/// <summary>
/// The outermost interceptor: no call ends UNKNOWN. A status a service chose passes through; Core's user-facing
/// errors (their messages name fields, files, rows and columns, never a value) become INVALID_ARGUMENT, or
/// FAILED_PRECONDITION when the request is fine but the server's state refuses it; argument errors become
/// INVALID_ARGUMENT naming only the parameter; running out of memory is RESOURCE_EXHAUSTED. Anything else is INTERNAL with a fixed message and a reference,
/// and the server log gets the exception's type and stack under that reference, without its message (an
/// unexpected exception's message may quote a cell of the private table).
/// </summary>
public sealed class ErrorStatusInterceptor(ILogger<ErrorStatusInterceptor> logger) : Interceptor
{
    RpcException Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            case BudgetExhaustedException or SourceMismatchException or PolicyException:
                return new RpcException(new Status(StatusCode.FailedPrecondition, exception.Message));
            case OutOfMemoryException:
                // A request that asked for more than the server can hold (the allocation was refused whole): answer it, keep serving.
                logger.LogWarning("{Method}: out of memory", context.Method);
                return new RpcException(new Status(StatusCode.ResourceExhausted, "The request needs more memory than the server can give it."));
            case UserFacingException:
                return new RpcException(new Status(StatusCode.InvalidArgument, exception.Message));
            case ArgumentException argument:
                logger.LogInformation("{Method}: argument error on {Parameter}", context.Method, argument.ParamName ?? "(unnamed)");
                return new RpcException(new Status(StatusCode.InvalidArgument,
                    argument.ParamName is { } name ? $"Invalid argument: {name}." : "Invalid argument."));
            default:
                string reference = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                logger.LogError("Unexpected {ExceptionType} in {Method}, reference {Reference} (inner: {InnerType})\n{StackTrace}",
                    exception.GetType().FullName, context.Method, reference, exception.InnerException?.GetType().FullName ?? "none", exception.StackTrace);
                return new RpcException(new Status(StatusCode.Internal, $"internal error; see the server log, reference {reference}"));
        }
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (Exception e) when (e is not RpcException) { throw Map(e, context); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception e) when (e is not RpcException) { throw Map(e, context); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception e) when (e is not RpcException) { throw Map(e, context); }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(requestStream, responseStream, context); }
        catch (Exception e) when (e is not RpcException) { throw Map(e, context); }
    }
}
