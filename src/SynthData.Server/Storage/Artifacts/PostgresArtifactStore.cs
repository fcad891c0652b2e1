using Npgsql;
using NpgsqlTypes;
using SynthData.Server.Storage.Postgres;

namespace SynthData.Server.Storage.Artifacts;

/// <summary>
/// Artifacts in PostgreSQL as numbered bytea chunks (1 MiB), written in one transaction (readers see the old content
/// or the new, whole) and read back one chunk per query, so neither side holds more than a chunk.
/// </summary>
public sealed class PostgresArtifactStore(PostgresDatabase db, int chunkBytes = 1 << 20) : IArtifactStore
{
    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArtifactKeys.Check(key);
        await using var connection = (NpgsqlConnection)db.Open();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand("DELETE FROM artifact_chunks WHERE artifact_key = @key", connection, transaction))
        {
            clear.Parameters.AddWithValue("key", key);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        var buffer = new byte[chunkBytes];
        for (long index = 0; ; index++)
        {
            int read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0 && index > 0) break;
            await using var insert = new NpgsqlCommand("INSERT INTO artifact_chunks (artifact_key, chunk_index, data) VALUES (@key, @index, @data)", connection, transaction);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("index", index);
            insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(buffer, 0, read) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (read < buffer.Length) break;
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public Stream OpenRead(string key) =>
        Exists(key) ? new ChunkStream(this, key) : throw new FileNotFoundException($"No artifact '{key}'.");

    public bool Exists(string key) =>
        db.Query("SELECT 1 AS one FROM artifact_chunks WHERE artifact_key = @key AND chunk_index = 0", _ => true, ("@key", ArtifactKeys.Check(key))).Count > 0;

    public void Delete(string key) => db.NonQuery("DELETE FROM artifact_chunks WHERE artifact_key = @key", ("@key", ArtifactKeys.Check(key)));

    int ChunkBytes => chunkBytes;

    byte[]? Chunk(string key, long index) =>
        db.Query("SELECT data FROM artifact_chunks WHERE artifact_key = @key AND chunk_index = @index",
            r => r.Bytes("data"), ("@key", key), ("@index", index)).SingleOrDefault();

    /// <summary>Reads chunk after chunk, fetching the next only when the current one is used up.</summary>
    sealed class ChunkStream(PostgresArtifactStore store, string key) : SegmentReadStream
    {
        long _next;

        protected override byte[]? NextSegment()
        {
            var chunk = store.Chunk(key, _next++);
            return chunk is null || chunk.Length == 0 ? null : chunk;
        }
    }
}
