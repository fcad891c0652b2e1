using Microsoft.Data.Sqlite;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>A data directory from before the operator role upgrades in place: its bootstrap key becomes the operator key.</summary>
public sealed class StoreMigrationTests
{
    [Fact]
    public void A_version_3_store_turns_its_bootstrap_admin_key_into_the_operator_key_and_keeps_tenant_admins()
    {
        string directory = Path.Combine(TestFiles.NewTempDirectory(), "data");
        var fresh = new ServerStore(directory);
        string adminTenant = fresh.TenantKeys.EnsureTenant("admin"), acme = fresh.TenantKeys.EnsureTenant("acme");
        // Back to the version-3 api_keys table and roles (before the operator role), as an older server left them,
        // without what later migrations added (lifetime figures, listing indexes, job leases, the model lifecycle, cancel requests).
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "synthdata.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                DROP TABLE api_keys;
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    role TEXT NOT NULL CHECK (role IN ('owner','consumer','reviewer','admin')), label TEXT NOT NULL,
                    created_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
                DROP TABLE lifetime_figures; DROP INDEX datasets_by_tenant; DROP INDEX jobs_by_tenant;
                ALTER TABLE jobs DROP COLUMN lease_owner; ALTER TABLE jobs DROP COLUMN lease_expires;
                DROP TABLE drift_checks; DROP TABLE current_models;
                ALTER TABLE jobs DROP COLUMN cancel_requested; ALTER TABLE jobs DROP COLUMN cancel_reason;
                PRAGMA user_version = 3;
                """;
            command.ExecuteNonQuery();
        }
        var old = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "synthdata.db"), Pooling = false }.ToString();
        void Insert(string id, string tenant, string label, string key)
        {
            using var connection = new SqliteConnection(old);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO api_keys (id, key_sha256, tenant_id, role, label, created_at) VALUES ($id, $hash, $tenant, 'admin', $label, '2026-01-01T00:00:00Z')";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$hash", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))));
            command.Parameters.AddWithValue("$tenant", tenant);
            command.Parameters.AddWithValue("$label", label);
            command.ExecuteNonQuery();
        }
        Insert("key_boot", adminTenant, "bootstrap admin", "boot-secret");
        Insert("key_acme", acme, "bootstrap admin", "acme-secret"); // same label, another tenant: not the bootstrap key

        var upgraded = new ServerStore(directory);
        Assert.Equal(CallerRole.Operator, upgraded.TenantKeys.FindApiKey("boot-secret")!.Role);
        Assert.Equal(CallerRole.Admin, upgraded.TenantKeys.FindApiKey("acme-secret")!.Role);
        // The rebuilt table keeps working for new keys.
        upgraded.TenantKeys.AddApiKey(acme, CallerRole.Owner, "owner", "owner-secret");
        Assert.Equal(3, upgraded.TenantKeys.ListApiKeysAcrossTenants().Count);
    }
}
