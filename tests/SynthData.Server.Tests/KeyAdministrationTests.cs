using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// Admin keys are bound to their tenant: an admin made for one tenant cannot mint, list or revoke another's keys.
/// The operator (the bootstrap key) creates admin keys only. Listed keys never show a secret, and a revoked key
/// is refused on its next call.
/// </summary>
public sealed class KeyAdministrationTests : IAsyncLifetime
{
    RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(TestFiles.NewTempDirectory());
    public async Task DisposeAsync() => await _server.DisposeAsync();

    AdminService.AdminServiceClient Admin(string key) => new(_server.As(key));

    static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try { await call(); return StatusCode.OK; }
        catch (RpcException e) { return e.StatusCode; }
    }

    [Fact]
    public async Task An_admin_of_one_tenant_cannot_create_list_or_revoke_another_tenants_keys()
    {
        var evil = Admin((await _server.CreateKeyAsync("evil", Role.Admin)).ApiKey);
        var acmeOwner = await _server.CreateKeyAsync("acme", Role.Owner);

        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
            evil.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = Role.Owner }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
            evil.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = Role.Admin }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
            evil.ListApiKeysAsync(new ListApiKeysRequest { Tenant = "acme" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
            evil.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = acmeOwner.KeyId }).ResponseAsync));

        // Its own listing holds only its tenant's keys; acme's owner key still works.
        var own = await evil.ListApiKeysAsync(new ListApiKeysRequest());
        Assert.NotEmpty(own.Keys);
        Assert.All(own.Keys, k => Assert.Equal("evil", k.Tenant));
        await new DatasetService.DatasetServiceClient(_server.As(acmeOwner.ApiKey)).ListDatasetsAsync(new ListDatasetsRequest());
        // Within its tenant, the admin does create keys.
        var evilOwner = await evil.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "evil", Role = Role.Owner, Label = "evil owner" });
        Assert.StartsWith("sdk_", evilOwner.ApiKey);
    }

    [Fact]
    public async Task The_operator_creates_admin_keys_only_and_no_admin_creates_an_operator()
    {
        var operatorKey = Admin(RunningServer.AdminKey);
        foreach (var role in new[] { Role.Owner, Role.Reviewer, Role.Consumer, Role.Operator })
            Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
                operatorKey.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = role }).ResponseAsync));
        // The operator's own tenant is reserved: an admin there could reach the operator key.
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
            operatorKey.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "admin", Role = Role.Admin }).ResponseAsync));
        var acmeAdmin = Admin((await _server.CreateKeyAsync("acme", Role.Admin)).ApiKey);
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
            acmeAdmin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = Role.Operator }).ResponseAsync));
        // The operator sees no tenant's data.
        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(() =>
            new DatasetService.DatasetServiceClient(_server.As(RunningServer.AdminKey)).ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync));
    }

    [Fact]
    public async Task Listed_keys_carry_no_secret_and_a_revoked_key_is_unauthenticated_on_its_next_call()
    {
        var adminKey = await _server.CreateKeyAsync("acme", Role.Admin);
        var admin = Admin(adminKey.ApiKey);
        var owner = await admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = Role.Owner, Label = "data owner" });
        var datasets = new DatasetService.DatasetServiceClient(_server.As(owner.ApiKey));
        await datasets.ListDatasetsAsync(new ListDatasetsRequest());

        var listed = await admin.ListApiKeysAsync(new ListApiKeysRequest { Tenant = "acme" });
        var entry = Assert.Single(listed.Keys, k => k.KeyId == owner.KeyId);
        Assert.Equal(("acme", owner.TenantId, Role.Owner, "data owner", false), (entry.Tenant, entry.TenantId, entry.Role, entry.Label, entry.Revoked));
        Assert.True(entry.CreateTime.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        string text = listed.ToString();
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner.ApiKey)));
        Assert.DoesNotContain(owner.ApiKey, text);
        Assert.DoesNotContain(owner.ApiKey["sdk_".Length..], text);
        Assert.DoesNotContain(hash, text);

        var revoked = await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = owner.KeyId });
        Assert.True(revoked.Key.Revoked);
        var refused = await Assert.ThrowsAsync<RpcException>(() => datasets.ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.True((await admin.ListApiKeysAsync(new ListApiKeysRequest())).Keys.Single(k => k.KeyId == owner.KeyId).Revoked);

        // The operator lists every tenant's keys and may revoke a tenant's admin key; its own key it may not revoke.
        var operatorKey = Admin(RunningServer.AdminKey);
        var all = await operatorKey.ListApiKeysAsync(new ListApiKeysRequest());
        Assert.Contains(all.Keys, k => k.KeyId == owner.KeyId);
        var operatorEntry = Assert.Single(all.Keys, k => k.Role == Role.Operator);
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOf(() =>
            operatorKey.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = operatorEntry.KeyId }).ResponseAsync));
        await operatorKey.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = adminKey.KeyId });
        Assert.Equal(StatusCode.Unauthenticated, await StatusOf(() => admin.ListApiKeysAsync(new ListApiKeysRequest()).ResponseAsync));
    }
}
