using Microsoft.Data.Sqlite;

namespace SynthData.Server.Storage;

/// <summary>
/// A database the server cannot open at start (synthdata.db or the privacy ledger). Its message is the one line
/// the operator reads: the file, what SQLite said and what to do. The server never recreates either file: a fresh
/// store would lose keys and datasets, a fresh ledger would forget what every dataset has spent.
/// </summary>
public sealed class DamagedDatabaseException(string path, string role, SqliteException cause) : Exception(
    $"{path} ({role}) cannot be opened ({cause.Message.TrimEnd('.')}). " +
    "Restore it from a backup; the server never recreates it.", cause)
{
    public string DatabasePath { get; } = path;
}
