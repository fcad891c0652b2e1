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
        "sqlite" => new ServerStore(options.DataDirectory, directory => new Sql.SqliteDatabase(Path.Combine(directory, "synthdata.db")), store => Artifacts(options, store)),
        "postgres" => OpenShared(options),
        _ => throw new InvalidOperationException($"Refusing to start: SynthData:Store must be sqlite or postgres (not '{options.Store}')."),
    };

    /// <summary>The PostgreSQL store, after the settings it cannot do without (checked before the database is touched).</summary>
    static ServerStore OpenShared(SynthDataServerOptions options)
    {
        string? connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Refusing to start: SynthData:Store is postgres but SynthData:ConnectionString is empty.");
        // The database (and every backup of it) would otherwise hold uploaded rows in clear: a shared database is
        // read by more people than a data directory is.
        if (string.IsNullOrWhiteSpace(options.ArtifactKey))
            throw new InvalidOperationException(
                "Refusing to start: SynthData:Store is postgres but SynthData:ArtifactKey is empty; uploads in the database must be encrypted (base64 of 32 random bytes, e.g. `openssl rand -base64 32`, the same on every replica).");
        byte[] artifactKey = EncryptedArtifactStore.ParseKey(options.ArtifactKey);
        return new ServerStore(options.DataDirectory, _ => OpenPostgres(connectionString), store => Artifacts(options, store), SharedFingerprintKey(artifactKey));
    }

    static PostgresDatabase OpenPostgres(string connectionString)
    {
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
            : new DirectoryArtifactStore(store.ArtifactStoreDirectory);
        return string.IsNullOrWhiteSpace(options.ArtifactKey) ? plain : new EncryptedArtifactStore(plain, EncryptedArtifactStore.ParseKey(options.ArtifactKey));
    }

    /// <summary>
    /// Replicas must fingerprint alike (the same rows uploaded to any replica find the same budget), so on PostgreSQL
    /// the key is derived from the artifact key every replica holds (HKDF, its own label), not a file of one replica's
    /// data directory; like the artifact key, it is never in the database, so the database's fingerprints confirm nothing.
    /// </summary>
    static byte[] SharedFingerprintKey(byte[] artifactKey) =>
        System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, artifactKey, 32,
            salt: [], info: "synthdata content fingerprint key v1"u8.ToArray());

    /// <summary>The privacy ledger in the shared database when the store is PostgreSQL; null for the embedded SQLite ledger file.</summary>
    public static IPrivacyBudgetLedger? SharedLedger(ServerStore store) =>
        store.Database is PostgresDatabase postgres ? new PostgresPrivacyLedger(postgres, new MemoizedAccountant(new BestOfAccountants())) : null;
}
