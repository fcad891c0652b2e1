using Microsoft.Extensions.Diagnostics.HealthChecks;
using SynthData.Server.Storage;

namespace SynthData.Server.Hosting;

/// <summary>SERVING only while the SQLite store answers a query: without it no RPC can authenticate.</summary>
public sealed class StoreHealthCheck(ServerStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            store.HasAnyApiKey();
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"store unavailable ({e.GetType().Name})"));
        }
    }
}
