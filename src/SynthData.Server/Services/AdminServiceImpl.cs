using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Server.Security;
using SynthData.Server.Storage;

namespace SynthData.Server.Services;

/// <summary>Admin RPCs: creating API keys (returned once, stored hashed).</summary>
public sealed partial class AdminServiceImpl(ServerStore store) : AdminService.AdminServiceBase
{
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex TenantName();

    public override Task<CreateApiKeyResponse> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (!TenantName().IsMatch(request.Tenant))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "tenant must be 1-64 letters, digits, '-', '_' or '.'."));
        CallerRole role = request.Role switch
        {
            Role.Owner => CallerRole.Owner,
            Role.Consumer => CallerRole.Consumer,
            Role.Reviewer => CallerRole.Reviewer,
            Role.Admin => CallerRole.Admin,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "role must be set.")),
        };
        string key = "sdk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        string tenantId = store.EnsureTenant(request.Tenant);
        var record = store.AddApiKey(tenantId, role, string.IsNullOrWhiteSpace(request.Label) ? role.ToString().ToLowerInvariant() : request.Label, key);
        string detail = $"{role.ToString().ToLowerInvariant()} key for tenant {request.Tenant}";
        store.Log(caller.TenantId, caller.Actor, "api_key.created", record.Id, detail);
        store.Log(tenantId, caller.Actor, "api_key.created", record.Id, detail);
        return Task.FromResult(new CreateApiKeyResponse { ApiKey = key, KeyId = record.Id, TenantId = tenantId, Role = request.Role });
    }
}
