using System.Globalization;
using Microsoft.Data.Sqlite;
using static SynthData.Core.Governance.Ledger.LedgerSqlite;

namespace SynthData.Core.Governance.Ledger;

/// <summary>One table declared a version of a dataset: it shares the dataset's id, and so its lifetime budget.</summary>
/// <param name="DatasetId">The dataset the table belongs to.</param>
/// <param name="Version">Its version number (2 and up for declared versions).</param>
/// <param name="DeclaredUtc">When it was declared.</param>
public sealed record DatasetVersion(string DatasetId, int Version, DateTimeOffset DeclaredUtc);

/// <summary>
/// Local dataset lineage: which tables (by keyed content fingerprint) were declared new versions of an existing dataset.
/// Next month's table mostly describes the same people, so a version charges the dataset's ledger key, never a fresh
/// one: every run on every version is composed into one lifetime epsilon. Kept in its own SQLite file beside the ledger
/// (private like it: it holds fingerprints); the ledger itself is unchanged. Version 1 is the table the dataset id was
/// first given to; declared versions are numbered from 2 in the order they were declared.
/// </summary>
public sealed class DatasetVersions
{
    readonly string _connectionString;

    DatasetVersions(string path) =>
        _connectionString = LedgerSqlite.ConnectionString(path);

    /// <summary>The lineage file beside a ledger file (ledger.db: ledger.versions.db).</summary>
    public static string PathBeside(string ledgerPath) => Path.ChangeExtension(ledgerPath, ".versions.db");

    /// <summary>Opens (creating if needed) the lineage file at <paramref name="path"/>.</summary>
    public static DatasetVersions Open(string path)
    {
        var versions = new DatasetVersions(path);
        using var connection = versions.Connect();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS dataset_versions (
                fingerprint TEXT PRIMARY KEY,
                dataset_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                declared_utc TEXT NOT NULL,
                UNIQUE (dataset_id, version));
            """);
        return versions;
    }

    /// <summary>
    /// The ledger key of a table: the dataset it was declared a version of, else the one the ledger gives its content.
    /// With <paramref name="versionOf"/>, declares it first (see <see cref="Declare"/>).
    /// </summary>
    public string DatasetIdFor(IPrivacyBudgetLedger ledger, string fingerprint, string? versionOf) =>
        versionOf is not null ? Declare(ledger, fingerprint, versionOf).DatasetId : VersionOf(fingerprint)?.DatasetId ?? ledger.DatasetIdFor(fingerprint);

    /// <summary>
    /// Declares the table a new version of <paramref name="parentId"/> (idempotent for the same parent). The parent must be
    /// a dataset this ledger has charged; a table already declared a version of another dataset is refused.
    /// </summary>
    public DatasetVersion Declare(IPrivacyBudgetLedger ledger, string fingerprint, string parentId)
    {
        if (ledger.Budget(parentId) is null && Lineage(parentId).Count == 0)
            throw new UnknownDatasetException(parentId);
        using var connection = Connect();
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var existing = Read(connection, fingerprint);
            if (existing is not null && existing.DatasetId != parentId)
                throw new VersionConflictException(existing.DatasetId, parentId);
            if (existing is null)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO dataset_versions (fingerprint, dataset_id, version, declared_utc)
                    SELECT $fingerprint, $dataset, COALESCE(MAX(version), 1) + 1, $now FROM dataset_versions WHERE dataset_id = $dataset
                    """;
                insert.Parameters.AddWithValue("$fingerprint", fingerprint);
                insert.Parameters.AddWithValue("$dataset", parentId);
                insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
                existing = Read(connection, fingerprint)!;
            }
            Execute(connection, "COMMIT");
            return existing;
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>The dataset a table was declared a version of, or null.</summary>
    public DatasetVersion? VersionOf(string fingerprint)
    {
        using var connection = Connect();
        return Read(connection, fingerprint);
    }

    /// <summary>A dataset's declared versions (2, 3, ...), oldest first; version 1 is the dataset's own table.</summary>
    public IReadOnlyList<DatasetVersion> Lineage(string datasetId)
    {
        using var connection = Connect();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT dataset_id, version, declared_utc FROM dataset_versions WHERE dataset_id = $dataset ORDER BY version";
        query.Parameters.AddWithValue("$dataset", datasetId);
        using var reader = query.ExecuteReader();
        var versions = new List<DatasetVersion>();
        while (reader.Read()) versions.Add(ReadRow(reader));
        return versions;
    }

    static DatasetVersion? Read(SqliteConnection connection, string fingerprint)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT dataset_id, version, declared_utc FROM dataset_versions WHERE fingerprint = $fingerprint";
        query.Parameters.AddWithValue("$fingerprint", fingerprint);
        using var reader = query.ExecuteReader();
        return reader.Read() ? ReadRow(reader) : null;
    }

    static DatasetVersion ReadRow(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt32(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture));

    SqliteConnection Connect() => LedgerSqlite.Open(_connectionString);
}
