using System.Security.Cryptography;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>
/// What the server keeps: one repository per aggregate (tenants and keys, datasets, jobs, models, approvals, the
/// audit log, the model lifecycle) over one database, the files in the artifact store, and the data directory's folders
/// and secret fingerprint key. Every read for a
/// caller takes a tenant id and filters on it; the few server-internal reads across tenants say so in their names.
/// </summary>
public sealed class ServerStore
{
    public string DataDirectory { get; }

    /// <summary>
    /// The secret keying content fingerprints, never sent: made on first start and kept 0600 in the data directory, or
    /// on PostgreSQL the same on every replica (<see cref="StoreBackend"/>), since fingerprints key the shared ledger.
    /// </summary>
    public byte[] FingerprintKey { get; }

    public SqlDatabase Database { get; }
    public ITenantKeys TenantKeys { get; }
    public IDatasets Datasets { get; }
    public IJobs Jobs { get; }
    public IModels Models { get; }
    public IApprovals Approvals { get; }
    public IAuditLog AuditLog { get; }
    public ILifecycle Lifecycle { get; }
    public LifetimeFigures LifetimeFigures { get; }
    /// <summary>Uploaded tables, model artifacts and audit reports, readable by every replica.</summary>
    public ArtifactFiles Artifacts { get; }

    /// <summary>The embedded store: &lt;DataDirectory&gt;/synthdata.db.</summary>
    public ServerStore(string dataDirectory) : this(dataDirectory, directory => new SqliteDatabase(Path.Combine(directory, "synthdata.db"))) { }

    /// <param name="openDatabase">Opens (and migrates) the database, given the full data directory.</param>
    /// <param name="openArtifacts">The artifact store, given the opened store; by default files under &lt;DataDirectory&gt;/artifact-store.</param>
    /// <param name="sharedFingerprintKey">The fingerprint key every replica shares; null for the data directory's own.</param>
    public ServerStore(string dataDirectory, Func<string, SqlDatabase> openDatabase, Func<ServerStore, IArtifactStore>? openArtifacts = null,
        byte[]? sharedFingerprintKey = null)
    {
        DataDirectory = PrivateFiles.CreateDirectory(Path.GetFullPath(dataDirectory));
        Database = openDatabase(DataDirectory);
        TenantKeys = new TenantKeys(Database);
        Datasets = new Datasets(Database);
        Jobs = new Jobs(Database);
        Models = new Models(Database);
        Approvals = new Approvals(Database);
        AuditLog = new AuditLog(Database);
        Lifecycle = new Lifecycle(Database);
        LifetimeFigures = new LifetimeFigures(Database, new Core.Privacy.Accounting.BestOfAccountants());
        FingerprintKey = sharedFingerprintKey ?? Core.Tabular.FingerprintKey.LoadOrCreate(DataDirectory);
        Artifacts = new ArtifactFiles((openArtifacts ?? (store => new DirectoryArtifactStore(store.ArtifactStoreDirectory)))(this), Path.Combine(DataDirectory, "cache"));
    }

    /// <summary>The embedded artifact store's folder (with SQLite; a shared mount when replicas share it).</summary>
    public string ArtifactStoreDirectory => Path.Combine(DataDirectory, "artifact-store");
    public string TempDirectory => Path.Combine(DataDirectory, "tmp");

    public static string NewId(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
