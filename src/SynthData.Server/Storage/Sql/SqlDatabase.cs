using System.Data;
using System.Data.Common;
using System.Globalization;

namespace SynthData.Server.Storage.Sql;

/// <summary>
/// Where every repository meets ADO.NET: one short-lived connection per operation (the drivers pool them), named
/// parameters written <c>@name</c> (both SQLite and PostgreSQL read them), rows read by column name. The few places
/// where the two dialects differ are properties here, so each repository's SQL is written once.
/// </summary>
public abstract class SqlDatabase
{
    /// <summary>An open connection, set up for this database (pragmas, timeouts).</summary>
    public abstract DbConnection Open();

    /// <summary>The larger of two values: SQLite's two-argument MAX, PostgreSQL's GREATEST.</summary>
    public abstract string Greatest { get; }

    /// <summary>The column that orders a table's rows by insertion (SQLite's rowid, a PostgreSQL identity column).</summary>
    public abstract string InsertionOrder { get; }

    /// <summary>Appended to a SELECT that claims rows: PostgreSQL skips rows another transaction holds; SQLite has one writer.</summary>
    public abstract string LockSkippingOthers { get; }

    /// <summary>True when several server processes share this database (so no process may fail another's jobs at start).</summary>
    public virtual bool SharedByReplicas => false;

    /// <summary>True when the exception says the database is unreachable or broken (the health check's question).</summary>
    public abstract bool IsDatabaseFailure(Exception e);

    public static string Now() => Stamp(DateTimeOffset.UtcNow);

    /// <summary>Times are stored as round-trip UTC text, so they order as text the same way on both databases.</summary>
    public static string Stamp(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null) parameter.DbType = DbType.String; // PostgreSQL must know the type of a null it compares
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public int NonQuery(string sql, params (string, object?)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public List<T> Query<T>(string sql, Func<Row, T> map, params (string, object?)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        return Read(command, map);
    }

    public static List<T> Read<T>(DbCommand command, Func<Row, T> map)
    {
        using var reader = command.ExecuteReader();
        var row = new Row(reader);
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(row));
        return rows;
    }
}

/// <summary>The current row of a reader, read by column name (a reordered SELECT cannot shift a field).</summary>
public sealed class Row(DbDataReader reader)
{
    int Ordinal(string column) => reader.GetOrdinal(column);
    public bool IsNull(string column) => reader.IsDBNull(Ordinal(column));
    public string Text(string column) => reader.GetString(Ordinal(column));
    public string? OptionalText(string column) => IsNull(column) ? null : Text(column);
    public long Int64(string column) => Convert.ToInt64(reader.GetValue(Ordinal(column)), CultureInfo.InvariantCulture);
    public double Double(string column) => Convert.ToDouble(reader.GetValue(Ordinal(column)), CultureInfo.InvariantCulture);
    public byte[] Bytes(string column) => (byte[])reader.GetValue(Ordinal(column));
    public bool Flag(string column) => Int64(column) != 0;
    public DateTimeOffset Time(string column) => DateTimeOffset.Parse(Text(column), CultureInfo.InvariantCulture);
    public DateTimeOffset? OptionalTime(string column) => IsNull(column) ? null : Time(column);
}
