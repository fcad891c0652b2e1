using Npgsql;

namespace SynthData.Bench;

/// <summary>
/// A fresh, empty database on a PostgreSQL server, dropped on dispose: the bench writes its tenants, jobs and ledger
/// runs there, never into a database that may hold a real store.
/// </summary>
public sealed class ScratchDatabase : IDisposable
{
    readonly string _server;

    /// <summary>The new database's connection string (the server's, with its name).</summary>
    public string ConnectionString { get; }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    ScratchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Creates <paramref name="prefix"/> plus a random suffix on the server <paramref name="server"/> connects to.</summary>
    public static ScratchDatabase Create(string server, string prefix)
    {
        string name = $"{prefix}{Guid.NewGuid():N}"; // a GUID's hex digits: a safe identifier, no quoting needed
        Execute(server, $"CREATE DATABASE {name}");
        return new ScratchDatabase(server, name);
    }

    static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Drops the database, closing any connection still open to it (a pool not yet disposed).</summary>
    public void Dispose()
    {
        try { Execute(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)"); }
        catch (NpgsqlException) { } // best effort: a leftover scratch database is harmless and named as the bench's
    }
}
