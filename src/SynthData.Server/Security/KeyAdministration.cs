using Grpc.Core;
using SynthData.Server.Storage;

namespace SynthData.Server.Security;

/// <summary>
/// Who may manage which keys. A tenant's admin acts only within its own tenant (any other tenant is
/// PERMISSION_DENIED, so an admin made for one tenant can never mint keys for another); the operator creates
/// admin keys for any tenant but no data role, and its own tenant is reserved so no admin can reach its key.
/// </summary>
public static class KeyAdministration
{
    static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    /// <summary>Throws unless <paramref name="caller"/> may create a <paramref name="role"/> key in the named tenant.</summary>
    public static void CheckCreate(Caller caller, string callerTenantName, string tenant, CallerRole role)
    {
        if (caller.Role == CallerRole.Operator)
        {
            if (role != CallerRole.Admin)
                throw Denied("The operator creates tenants' admin keys only; a tenant's admin creates its other keys.");
            if (tenant == BootstrapAdmin.TenantName)
                throw Denied($"Tenant '{BootstrapAdmin.TenantName}' is reserved for the operator.");
            return;
        }
        CheckOwnTenant(caller, callerTenantName, tenant);
        if (role == CallerRole.Operator) throw Denied("Only the server's bootstrap key is an operator key.");
    }

    /// <summary>The tenant whose keys the caller lists: null (all) only for the operator.</summary>
    public static string? ListScope(Caller caller, string callerTenantName, string tenant, Func<string, string?> findTenant)
    {
        if (caller.Role == CallerRole.Operator)
            return tenant.Length == 0 ? null : findTenant(tenant) ?? "";
        if (tenant.Length > 0) CheckOwnTenant(caller, callerTenantName, tenant);
        return caller.TenantId;
    }

    public static void CheckRevoke(Caller caller, ApiKeyListing key)
    {
        if (key.Role == CallerRole.Operator)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "The operator key cannot be revoked over the API (replace it in the server's configuration)."));
        if (caller.Role != CallerRole.Operator && key.TenantId != caller.TenantId)
            throw Denied("An admin may revoke only its own tenant's keys.");
    }

    static void CheckOwnTenant(Caller caller, string callerTenantName, string tenant)
    {
        if (!string.Equals(tenant, callerTenantName, StringComparison.Ordinal))
            throw Denied("An admin may act only within its own tenant.");
    }
}
