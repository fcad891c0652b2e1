using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>Key administration: create (the secret is returned once, stored hashed), list and revoke, within the rules of <see cref="KeyAdministration"/>.</summary>
public sealed partial class AdminServiceImpl(ServerStore store) : AdminService.AdminServiceBase
{
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex TenantName();

    const int MaxLabelLength = 200;

    public override Task<CreateApiKeyResponse> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(TenantName().IsMatch(request.Tenant), "tenant", "must be 1-64 letters, digits, '-', '_' or '.'");
        FieldViolations.Require(request.Label.Length <= MaxLabelLength, "label", $"must be at most {MaxLabelLength} characters");
        CallerRole role = request.Role.ToCallerRole() ?? throw FieldViolations.Invalid("role", "must be set");
        KeyAdministration.CheckCreate(caller, store.TenantKeys.TenantName(caller.TenantId), request.Tenant, role);

        string key = "sdk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        string tenantId = store.TenantKeys.EnsureTenant(request.Tenant);
        var record = store.TenantKeys.AddApiKey(tenantId, role, string.IsNullOrWhiteSpace(request.Label) ? role.ToString().ToLowerInvariant() : request.Label, key);
        string detail = $"{role.ToString().ToLowerInvariant()} key for tenant {request.Tenant}";
        store.AuditLog.Record(caller.TenantId, caller.Actor, "api_key.created", record.Id, detail);
        if (tenantId != caller.TenantId) store.AuditLog.Record(tenantId, caller.Actor, "api_key.created", record.Id, detail);
        return Task.FromResult(new CreateApiKeyResponse { ApiKey = key, KeyId = record.Id, TenantId = tenantId, Role = request.Role });
    }

    public override Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        FieldViolations.Require(request.Tenant.Length == 0 || TenantName().IsMatch(request.Tenant), "tenant", "must be empty or 1-64 letters, digits, '-', '_' or '.'");
        string? scope = KeyAdministration.ListScope(caller, store.TenantKeys.TenantName(caller.TenantId), request.Tenant, store.TenantKeys.FindTenant);
        var (page, next) = Paging.Page(scope is null ? store.TenantKeys.ListApiKeysAcrossTenants() : store.TenantKeys.ListApiKeys(scope), k => Paging.CreationKey(k.CreatedAt, k.Id), request.PageSize, request.PageToken,
            scope: "api_keys/" + scope, defaultPageSize: 100);
        var response = new ListApiKeysResponse { NextPageToken = next };
        response.Keys.AddRange(page.Select(k => k.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        string keyId = RequestIds.Require(request.KeyId, "key_id");
        var key = store.TenantKeys.GetApiKeyListing(keyId) ?? throw new RpcException(new Status(StatusCode.NotFound, $"No API key '{RequestIds.Quote(keyId)}'."));
        KeyAdministration.CheckRevoke(caller, key);
        store.TenantKeys.RevokeApiKey(key.Id);
        string detail = $"{key.Role.ToString().ToLowerInvariant()} key of tenant {key.TenantName} revoked";
        store.AuditLog.Record(caller.TenantId, caller.Actor, "api_key.revoked", key.Id, detail);
        if (key.TenantId != caller.TenantId) store.AuditLog.Record(key.TenantId, caller.Actor, "api_key.revoked", key.Id, detail);
        return Task.FromResult(new RevokeApiKeyResponse { Key = store.TenantKeys.GetApiKeyListing(key.Id)!.ToProto() });
    }
}
