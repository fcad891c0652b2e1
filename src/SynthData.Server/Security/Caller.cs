using Grpc.Core;
using SynthData.Server.Storage;

namespace SynthData.Server.Security;

/// <summary>The authenticated caller of an RPC, put on the call by <see cref="ApiKeyInterceptor"/>.</summary>
public sealed record Caller(string KeyId, string TenantId, CallerRole Role, string Label)
{
    const string Key = "synthdata.caller";

    /// <summary>How the audit log names the caller: key id and label, never the key.</summary>
    public string Actor => $"{KeyId} ({Label})";

    internal void AttachTo(ServerCallContext context) => context.UserState[Key] = this;

    /// <summary>The caller; every service method runs behind the interceptor, so its absence is a server bug.</summary>
    public static Caller Of(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var value) && value is Caller caller
            ? caller
            : throw new RpcException(new Status(StatusCode.Internal, "The call was not authenticated."));
}
