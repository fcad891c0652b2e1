using Microsoft.Data.Sqlite;

namespace SynthData.Core.Governance.Ledger;

/// <summary>
/// The SQLite files the local ledger keeps (the ledger and the version lineage beside it), opened one way: WAL, and a
/// busy timeout so writers in other processes wait for BEGIN IMMEDIATE instead of failing.
/// </summary>
static class LedgerSqlite
{
    /// <summary>Unpooled: a connection that failed inside BEGIN IMMEDIATE closes, and so rolls back, with its owner.</summary>
    public static string ConnectionString(string path, bool pooled = false) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = pooled, DefaultTimeout = 60 }.ToString();

    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Busy timeout first, so that even switching to WAL waits for another writer instead of failing.
        Execute(connection, "PRAGMA busy_timeout = 60000; PRAGMA journal_mode = WAL;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
