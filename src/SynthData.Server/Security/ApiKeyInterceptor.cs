using Grpc.Core;
using Grpc.Core.Interceptors;
using SynthData.Server.Storage;

namespace SynthData.Server.Security;

/// <summary>
/// Authenticates every call by its "x-api-key" metadata (UNAUTHENTICATED when missing or unknown)
/// and checks the key's role against <see cref="RolePolicy"/> (PERMISSION_DENIED). Tenant isolation
/// is enforced by the services, which look ids up only within the caller's tenant.
/// </summary>
public sealed class ApiKeyInterceptor(ServerStore store, ILogger<ApiKeyInterceptor> logger) : Interceptor
{
    public const string Header = "x-api-key";

    void Authorise(ServerCallContext context)
    {
        if (RolePolicy.IsPublic(context.Method)) return;
        string? key = context.RequestHeaders.GetValue(Header);
        if (string.IsNullOrEmpty(key))
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"Missing API key: send it as metadata '{Header}'."));
        var record = store.TenantKeys.FindApiKey(key);
        if (record is null)
        {
            logger.LogWarning("Rejected an unknown or revoked API key for {Method}", context.Method);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Unknown or revoked API key."));
        }
        if (!RolePolicy.Permits(context.Method, record.Role))
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"The {record.Role.ToString().ToLowerInvariant()} role may not call {context.Method}."));
        new Caller(record.Id, record.TenantId, record.Role, record.Label).AttachTo(context);
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorise(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorise(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorise(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorise(context);
        return continuation(requestStream, responseStream, context);
    }
}
