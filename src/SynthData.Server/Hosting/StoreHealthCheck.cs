using Microsoft.Extensions.Diagnostics.HealthChecks;
using SynthData.Server.Storage;

namespace SynthData.Server.Hosting;

/// <summary>SERVING only while the store's database answers a query: without it no RPC can authenticate.</summary>
public sealed class StoreHealthCheck(ServerStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            store.TenantKeys.HasAnyApiKey();
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception e) when (store.Database.IsDatabaseFailure(e))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"store unavailable ({e.GetType().Name})"));
        }
    }
}
