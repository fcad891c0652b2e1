using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Hosting;
using SynthData.Server.Storage.Postgres;

namespace SynthData.Server.Storage;

/// <summary>Opens the store the configuration selects (SynthData:Store = sqlite | postgres).</summary>
public static class StoreBackend
{
    public static ServerStore Open(SynthDataServerOptions options) => options.Store.ToLowerInvariant() switch
    {
        "sqlite" => new ServerStore(options.DataDirectory),
        "postgres" => new ServerStore(options.DataDirectory, _ => new PostgresDatabase(
            string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("SynthData:Store is postgres but SynthData:ConnectionString is empty.")
                : options.ConnectionString)),
        _ => throw new InvalidOperationException($"SynthData:Store must be sqlite or postgres (not '{options.Store}')."),
    };

    /// <summary>The privacy ledger in the shared database when the store is PostgreSQL; null for the embedded SQLite ledger file.</summary>
    public static IPrivacyBudgetLedger? SharedLedger(ServerStore store) =>
        store.Database is PostgresDatabase postgres ? new PostgresPrivacyLedger(postgres, new BestOfAccountants()) : null;
}
