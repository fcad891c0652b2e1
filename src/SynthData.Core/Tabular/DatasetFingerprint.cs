using System.Security.Cryptography;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;

namespace SynthData.Core.Tabular;

/// <summary>
/// A keyed digest of a table's content, not of its file: each row's <see cref="CanonicalRow"/> HMAC, the
/// row digests sorted, then one HMAC over their concatenation (a multiset digest). Re-saving, reordering rows
/// or converting CSV/Parquet gives the same fingerprint; removing or changing a row does not. Without the key
/// nobody can confirm a candidate table against it, yet it stays private: it goes into owner-side records
/// (the artifact manifest, the ledger, the server's store), never into a footer, a card or an RPC reply.
/// </summary>
public sealed class DatasetFingerprint
{
    // A key of its own, derived from the installation's secret, so a fingerprint never equals another use's digest.
    static readonly byte[] Purpose = System.Text.Encoding.ASCII.GetBytes("synthdata dataset fingerprint v1");
    readonly byte[] _key;
    readonly List<byte[]> _rows = [];

    /// <summary>A fingerprint keyed by <paramref name="secret"/> (the installation's key, at least 32 bytes).</summary>
    public DatasetFingerprint(byte[] secret)
    {
        if (secret.Length < 32) throw new ArgumentException("The fingerprint key must have at least 32 bytes.", nameof(secret));
        _key = HMACSHA256.HashData(secret, Purpose);
    }

    /// <summary>Adds every row of a table or of one chunk of it (chunks may come in any order).</summary>
    public void Add(TabularData rows)
    {
        var canonical = new CanonicalRow(rows);
        for (int r = 0; r < rows.RowCount; r++) _rows.Add(canonical.Digest(r, _key));
    }

    /// <summary>Lower-case hex HMAC-SHA256 over the sorted row digests.</summary>
    public string Finish()
    {
        _rows.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var row in _rows) hmac.AppendData(row);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>The fingerprint and row count of a table streamed in chunks (only the row digests are held).</summary>
    public static (string Fingerprint, long Rows) Of(ITableReader reader, TableSchema schema, byte[] secret, CancellationToken cancellationToken = default)
    {
        var fingerprint = new DatasetFingerprint(secret);
        long rows = 0;
        foreach (var chunk in TableLoader.Chunks(reader, schema, 4096))
        {
            cancellationToken.ThrowIfCancellationRequested();
            fingerprint.Add(chunk);
            rows += chunk.RowCount;
        }
        return (fingerprint.Finish(), rows);
    }

    /// <summary>The fingerprint of a table already in memory, keyed by <paramref name="secret"/>.</summary>
    public static string Of(TabularData table, byte[] secret)
    {
        var fingerprint = new DatasetFingerprint(secret);
        fingerprint.Add(table);
        return fingerprint.Finish();
    }
}
