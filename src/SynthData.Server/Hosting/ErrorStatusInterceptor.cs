using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Google.Protobuf.WellKnownTypes;
using SynthData.Core;
using SynthData.Server.Validation;

namespace SynthData.Server.Hosting;

/// <summary>
/// The outermost interceptor: no call ends UNKNOWN, and every error carries google.rpc.ErrorInfo. Core's typed errors
/// become the status their <see cref="ErrorReason"/> calls for, with details (<see cref="ErrorDetails"/>): BadRequest
/// naming the field, one PreconditionFailure violation per policy reason, RetryInfo for a full queue. A status a
/// service chose passes through, given an ErrorInfo if it lacks one. Running out of memory is RESOURCE_EXHAUSTED.
/// Anything else, argument exceptions included (they mean a bug now that user mistakes are typed), is INTERNAL with a
/// fixed message and a reference, and the server log gets the exception's type and stack under that reference,
/// without its message (an unexpected exception's message may quote a cell of the private table).
/// </summary>
public sealed class ErrorStatusInterceptor(ILogger<ErrorStatusInterceptor> logger, Storage.ServerStore store) : Interceptor
{
    RpcException Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case RpcException deliberate:
                return ErrorDetails.WithErrorInfo(deliberate);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return Plain(StatusCode.Cancelled, "The call was cancelled.");
            case UserFacingException userFacing:
                return ErrorDetails.ToRpcException(userFacing);
            case var failure when store.Database.IsDatabaseFailure(failure):
                // The store did not answer (unreachable, a full connection pool, a lock wait past its timeout): retryable.
                logger.LogWarning("{Method}: store unavailable ({ExceptionType}, inner {InnerType})", context.Method, failure.GetType().Name,
                    failure.InnerException?.GetType().Name ?? "none");
                var status = new Google.Rpc.Status { Code = (int)StatusCode.Unavailable, Message = "The store did not answer in time; try again shortly." };
                status.Details.Add(Any.Pack(ErrorDetails.Info(ErrorDetails.ReasonOf(StatusCode.Unavailable))));
                status.Details.Add(Any.Pack(new Google.Rpc.RetryInfo { RetryDelay = Duration.FromTimeSpan(StoreRetryDelay) }));
                return status.ToRpcException();
            case OutOfMemoryException:
                // A request that asked for more than the server can hold (the allocation was refused whole): answer it, keep serving.
                logger.LogWarning("{Method}: out of memory", context.Method);
                return Plain(StatusCode.ResourceExhausted, "The request needs more memory than the server can give it.");
            default:
                string reference = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                logger.LogError("Unexpected {ExceptionType} in {Method}, reference {Reference} (inner: {InnerType})\n{StackTrace}",
                    exception.GetType().FullName, context.Method, reference, exception.InnerException?.GetType().FullName ?? "none", exception.StackTrace);
                return new Google.Rpc.Status
                {
                    Code = (int)StatusCode.Internal,
                    Message = $"internal error; see the server log, reference {reference}",
                    Details = { Any.Pack(ErrorDetails.Info(ErrorDetails.ReasonOf(StatusCode.Internal), ("reference", reference))) },
                }.ToRpcException();
        }
    }

    /// <summary>The retry delay an unavailable store suggests (RetryInfo).</summary>
    public static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(2);

    static RpcException Plain(StatusCode code, string message) => ErrorDetails.WithErrorInfo(new RpcException(new Status(code, message)));

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (Exception e) { throw Map(e, context); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception e) { throw Map(e, context); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception e) { throw Map(e, context); }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(requestStream, responseStream, context); }
        catch (Exception e) { throw Map(e, context); }
    }
}
