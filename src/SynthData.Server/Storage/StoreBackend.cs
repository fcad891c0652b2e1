using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Hosting;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Storage.Postgres;

namespace SynthData.Server.Storage;

/// <summary>Opens the store the configuration selects (SynthData:Store = sqlite | postgres).</summary>
public static class StoreBackend
{
    /// <remarks>
    /// A setting the operator must fix, or a PostgreSQL that cannot be reached or migrated, stops the start with one
    /// "Refusing to start" line (Program prints it and exits 2); the line names host, port and database, never the password.
    /// </remarks>
    public static ServerStore Open(SynthDataServerOptions options) => options.Store.ToLowerInvariant() switch
    {
        "sqlite" => new ServerStore(options.DataDirectory),
        "postgres" => new ServerStore(options.DataDirectory, _ => OpenPostgres(options.ConnectionString)),
        _ => throw new InvalidOperationException($"Refusing to start: SynthData:Store must be sqlite or postgres (not '{options.Store}')."),
    };

    static PostgresDatabase OpenPostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Refusing to start: SynthData:Store is postgres but SynthData:ConnectionString is empty.");
        var where = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            return new PostgresDatabase(connectionString);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Refusing to start: the PostgreSQL store at {where.Host}:{where.Port}/{where.Database} cannot be opened ({e.GetType().Name}: {e.Message.TrimEnd('.')}).", e);
        }
    }

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
