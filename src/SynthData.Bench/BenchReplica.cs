extern alias ServerAssembly;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using PostgresDatabase = ServerAssembly::SynthData.Server.Storage.Postgres.PostgresDatabase;
using PostgresPrivacyLedger = ServerAssembly::SynthData.Server.Storage.Postgres.PostgresPrivacyLedger;
using ServerStore = ServerAssembly::SynthData.Server.Storage.ServerStore;

namespace SynthData.Bench;

/// <summary>
/// One server replica's storage, as a replica opens it (SynthData:Store = postgres): its own ServerStore over its own
/// PostgresDatabase, so its own Npgsql pool, and the PostgreSQL privacy ledger over that database. Several of them
/// in one process share nothing but the database, as replicas on several machines would.
/// </summary>
public sealed class BenchReplica : IDisposable
{
    readonly PostgresDatabase _database;

    /// <summary>The replica's name, also the lease owner its workers claim jobs as.</summary>
    public string Name { get; }

    /// <summary>Its store: jobs, tenants and datasets.</summary>
    public ServerStore Store { get; }

    /// <summary>Its privacy ledger, over the same database and pool as the store.</summary>
    public IPrivacyBudgetLedger Ledger { get; }

    BenchReplica(string name, ServerStore store, PostgresDatabase database, IPrivacyAccountant accountant)
    {
        Name = name;
        Store = store;
        _database = database;
        Ledger = new PostgresPrivacyLedger(database, accountant);
    }

    /// <summary>Opens (and, first time, migrates) the store; <paramref name="accountant"/> composes the ledger's admissions.</summary>
    public static BenchReplica Open(string name, string connectionString, IPrivacyAccountant accountant)
    {
        PostgresDatabase? database = null;
        // The store's data directory holds only its fingerprint key here: everything else is in the database.
        var store = new ServerStore(Directory.CreateTempSubdirectory("synthdata-replica-").FullName,
            _ => database = new PostgresDatabase(connectionString));
        return new BenchReplica(name, store, database!, accountant);
    }

    public void Dispose()
    {
        _database.Dispose();
        try { Directory.Delete(Store.DataDirectory, recursive: true); }
        catch (IOException) { } // best effort: a leftover temp folder is harmless
    }
}
