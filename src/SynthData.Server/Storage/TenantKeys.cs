using System.Security.Cryptography;
using System.Text;
using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>Tenants and their API keys (only a key's SHA-256 is stored).</summary>
public interface ITenantKeys
{
    bool HasAnyApiKey();
    /// <summary>The tenant's id, creating the tenant when it is new.</summary>
    string EnsureTenant(string name);
    /// <summary>The tenant's id, or null when no tenant has that name (nothing is created).</summary>
    string? FindTenant(string name);
    string TenantName(string tenantId);
    ApiKeyRecord AddApiKey(string tenantId, CallerRole role, string label, string apiKey);
    /// <summary>The active key with this secret, or null (unknown or revoked).</summary>
    ApiKeyRecord? FindApiKey(string apiKey);
    /// <summary>The tenant's keys, oldest first; across every tenant only for the operator, by name.</summary>
    IReadOnlyList<ApiKeyListing> ListApiKeys(string tenantId);
    IReadOnlyList<ApiKeyListing> ListApiKeysAcrossTenants();
    ApiKeyListing? GetApiKeyListing(string keyId);
    /// <summary>Revokes the key for good: <see cref="FindApiKey"/> no longer finds it, so its next call is refused.</summary>
    void RevokeApiKey(string keyId);
}

public sealed class TenantKeys(SqlDatabase db) : ITenantKeys
{
    static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    static CallerRole Role(Row r) => Enum.Parse<CallerRole>(r.Text("role"), ignoreCase: true);

    public bool HasAnyApiKey() => db.Query("SELECT 1 AS one FROM api_keys LIMIT 1", _ => true).Count > 0;

    public string EnsureTenant(string name)
    {
        db.NonQuery("INSERT INTO tenants (id, name, created_at) VALUES (@id, @name, @at) ON CONFLICT (name) DO NOTHING",
            ("@id", ServerStore.NewId("tn")), ("@name", name), ("@at", SqlDatabase.Now()));
        return FindTenant(name)!;
    }

    public string? FindTenant(string name) =>
        db.Query("SELECT id FROM tenants WHERE name = @name", r => r.Text("id"), ("@name", name)).SingleOrDefault();

    public string TenantName(string tenantId) =>
        db.Query("SELECT name FROM tenants WHERE id = @id", r => r.Text("name"), ("@id", tenantId)).Single();

    public ApiKeyRecord AddApiKey(string tenantId, CallerRole role, string label, string apiKey)
    {
        var record = new ApiKeyRecord(ServerStore.NewId("key"), tenantId, role, label);
        db.NonQuery("INSERT INTO api_keys (id, key_sha256, tenant_id, role, label, created_at) VALUES (@id, @hash, @tenant, @role, @label, @at)",
            ("@id", record.Id), ("@hash", Hash(apiKey)), ("@tenant", tenantId), ("@role", role.ToString().ToLowerInvariant()),
            ("@label", label), ("@at", SqlDatabase.Now()));
        return record;
    }

    public ApiKeyRecord? FindApiKey(string apiKey) =>
        db.Query("SELECT id, tenant_id, role, label FROM api_keys WHERE key_sha256 = @hash AND revoked = 0",
            r => new ApiKeyRecord(r.Text("id"), r.Text("tenant_id"), Role(r), r.Text("label")), ("@hash", Hash(apiKey))).SingleOrDefault();

    const string ListingSelect =
        "SELECT k.id, k.tenant_id, t.name AS tenant_name, k.role, k.label, k.created_at, k.revoked FROM api_keys k JOIN tenants t ON t.id = k.tenant_id";

    static ApiKeyListing ReadListing(Row r) => new(
        r.Text("id"), r.Text("tenant_id"), r.Text("tenant_name"), Role(r), r.Text("label"), r.Time("created_at"), r.Flag("revoked"));

    public IReadOnlyList<ApiKeyListing> ListApiKeys(string tenantId) =>
        db.Query($"{ListingSelect} WHERE k.tenant_id = @tenant ORDER BY k.created_at, k.id", ReadListing, ("@tenant", tenantId));

    public IReadOnlyList<ApiKeyListing> ListApiKeysAcrossTenants() =>
        db.Query($"{ListingSelect} ORDER BY k.created_at, k.id", ReadListing);

    public ApiKeyListing? GetApiKeyListing(string keyId) =>
        db.Query($"{ListingSelect} WHERE k.id = @id", ReadListing, ("@id", keyId)).SingleOrDefault();

    public void RevokeApiKey(string keyId) => db.NonQuery("UPDATE api_keys SET revoked = 1 WHERE id = @id", ("@id", keyId));
}
