using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Hosting;
using SynthData.Server.Storage.Artifacts;
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

    /// <summary>
    /// The artifact store every replica reads: chunks in the database on PostgreSQL, else files under the data
    /// directory's artifact-store folder (a shared mount for replicas); encrypted when SynthData:ArtifactKey is set.
    /// </summary>
    public static IArtifactStore Artifacts(SynthDataServerOptions options, ServerStore store)
    {
        IArtifactStore plain = store.Database is PostgresDatabase postgres
            ? new PostgresArtifactStore(postgres)
            : new DirectoryArtifactStore(Path.Combine(store.DataDirectory, "artifact-store"));
        return string.IsNullOrWhiteSpace(options.ArtifactKey) ? plain : new EncryptedArtifactStore(plain, EncryptedArtifactStore.ParseKey(options.ArtifactKey));
    }

    /// <summary>The privacy ledger in the shared database when the store is PostgreSQL; null for the embedded SQLite ledger file.</summary>
    public static IPrivacyBudgetLedger? SharedLedger(ServerStore store) =>
        store.Database is PostgresDatabase postgres ? new PostgresPrivacyLedger(postgres, new BestOfAccountants()) : null;
}
