using Npgsql;
using SynthData.Core;

namespace SynthData.Bench;

/// <summary>The PostgreSQL the replica bench writes to: a scratch database on the given server, or on a throwaway cluster it starts.</summary>
sealed class BenchPostgres : IDisposable
{
    readonly PostgresServer? _cluster;
    readonly ScratchDatabase _database;

    public string ConnectionString => _database.ConnectionString;
    public string Description { get; }

    BenchPostgres(PostgresServer? cluster, ScratchDatabase database, string description)
    {
        _cluster = cluster;
        _database = database;
        Description = description;
    }

    public static BenchPostgres Open(string? server)
    {
        if (server is not null)
        {
            var where = new NpgsqlConnectionStringBuilder(server);
            try
            {
                var database = ScratchDatabase.Create(server, "synthdata_bench_");
                return new BenchPostgres(null, database, $"the server at {where.Host}:{where.Port}, scratch database {database.Name} (dropped afterwards)");
            }
            catch (NpgsqlException e) // names host, port and database, never the password
            {
                throw new InvalidInputException($"cannot create a scratch database on the PostgreSQL server at {where.Host}:{where.Port}/{where.Database}: {e.Message.TrimEnd('.')}.", "postgres", e);
            }
        }
        var cluster = new PostgresServer();
        if (cluster.SkipReason is not null)
            throw new InvalidInputException($"{cluster.SkipReason}; or pass --postgres CONNSTRING.", "postgres");
        try
        {
            var database = ScratchDatabase.Create(cluster.ServerConnectionString, "synthdata_bench_");
            return new BenchPostgres(cluster, database, $"a throwaway cluster started from {cluster.Binaries} on 127.0.0.1 (fsync off), database {database.Name}");
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _database.Dispose();
        _cluster?.Dispose();
    }
}
