using System.Security.Cryptography;
using SynthData.Server.Storage;

namespace SynthData.Server.Security;

/// <summary>
/// With an empty key table, creates the operator key, which creates tenants' admin keys (and those the others):
/// the configured SynthData:BootstrapAdminKey, or a random key printed once to the console (it is
/// stored only hashed, so it cannot be shown again). The operator's tenant is reserved: no admin can be made in it.
/// </summary>
public static class BootstrapAdmin
{
    public const string TenantName = "admin";

    /// <returns>The key that was created, or null when keys already existed.</returns>
    public static string? EnsureAdminKey(ServerStore store, string? configuredKey, TextWriter console)
    {
        if (store.TenantKeys.HasAnyApiKey()) return null;
        string key = string.IsNullOrWhiteSpace(configuredKey) ? "sdk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : configuredKey;
        var record = store.TenantKeys.AddApiKey(store.TenantKeys.EnsureTenant(TenantName), CallerRole.Operator, "bootstrap operator", key);
        store.AuditLog.Record(record.TenantId, "server", "api_key.bootstrap", record.Id, "operator key created on an empty store");
        if (string.IsNullOrWhiteSpace(configuredKey))
            console.WriteLine($"SynthData: created the bootstrap operator API key (shown once, keep it safe): {key}");
        return key;
    }
}
