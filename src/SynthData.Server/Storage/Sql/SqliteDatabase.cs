using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SynthData.Server.Storage.Sql;

/// <summary>
/// The embedded store, &lt;DataDirectory&gt;/synthdata.db: WAL lets readers run beside the single writer, and the busy
/// timeout makes concurrent writers wait instead of failing. Opening migrates it (<see cref="StoreSchema"/>); a file
/// SQLite cannot read stops the server with <see cref="DamagedDatabaseException"/>, never a recreated store.
/// </summary>
public sealed class SqliteDatabase : SqlDatabase
{
    readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        PrivateFiles.PrepareDatabase(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            using var connection = (SqliteConnection)Open();
            using (var wal = Command(connection, "PRAGMA journal_mode = WAL;")) wal.ExecuteNonQuery();
            StoreSchema.Migrate(connection);
        }
        catch (SqliteException e)
        {
            throw new DamagedDatabaseException(path, "the server's store", e);
        }
    }

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = Command(connection, "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;");
        command.ExecuteNonQuery();
        return connection;
    }

    public override string Greatest => "MAX";
    public override string InsertionOrder => "rowid";
    public override string LockSkippingOthers => "";
    public override bool IsDatabaseFailure(Exception e) => e is SqliteException or IOException;
}
