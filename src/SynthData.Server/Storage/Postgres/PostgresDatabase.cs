using System.Data.Common;
using Npgsql;
using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage.Postgres;

/// <summary>
/// The shared store for several replicas (SynthData:Store = postgres). Npgsql pools connections per data source;
/// nothing of it is loaded unless this backend is selected, so the embedded path carries no extra weight.
/// </summary>
public sealed class PostgresDatabase : SqlDatabase, IDisposable
{
    readonly NpgsqlDataSource _source;

    public PostgresDatabase(string connectionString)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        Migrate();
    }

    public override DbConnection Open() => _source.OpenConnection();
    public override bool SharedByReplicas => true;
    public override string Greatest => "GREATEST";
    public override string InsertionOrder => "seq";
    public override string LockSkippingOthers => " FOR UPDATE SKIP LOCKED";
    public override bool IsDatabaseFailure(Exception e) => e is NpgsqlException or IOException;

    /// <summary>Applies the migrations this database lacks, in one transaction under an advisory lock (idempotent, any replica).</summary>
    void Migrate()
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        void Run(string sql, params (string, object?)[] parameters)
        {
            using var command = Command(connection, sql, parameters);
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        Run("SELECT pg_advisory_xact_lock(@lock)", ("@lock", PostgresSchema.MigrationLock));
        Run("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, applied_at text NOT NULL)");
        using var current = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        current.Transaction = transaction;
        long version = Convert.ToInt64(current.ExecuteScalar());
        if (version > PostgresSchema.Migrations.Length)
            throw new InvalidOperationException($"The PostgreSQL store has schema version {version}, newer than this server ({PostgresSchema.Migrations.Length}).");
        for (long v = version; v < PostgresSchema.Migrations.Length; v++)
        {
            Run(PostgresSchema.Migrations[v]);
            Run("INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", ("@v", v + 1), ("@at", Now()));
        }
        transaction.Commit();
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns.</summary>
    public T InTransaction<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> work)
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    }

    public void Dispose() => _source.Dispose();
}
