using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SynthData.Core.Tabular;

/// <summary>
/// One row's typed values as canonical bytes, the same whatever the file format, the column order or
/// the row's position: columns in ordinal name order, numbers as IEEE-754 bits (every NaN one "missing"
/// marker, -0 as 0), labels as length-prefixed UTF-8 with a distinct null marker. Keyed digests of these
/// bytes give row identities that survive re-saving, reordering and CSV/Parquet conversion, and reveal
/// nothing without the key. The bytes themselves are private: they never leave the process.
/// </summary>
public sealed class CanonicalRow
{
    readonly TabularData _data;
    readonly int[] _columnOrder;

    /// <summary>Canonical bytes for the rows of <paramref name="data"/>, columns in ordinal name order.</summary>
    public CanonicalRow(TabularData data)
    {
        _data = data;
        _columnOrder = Enumerable.Range(0, data.Schema.Columns.Count)
            .OrderBy(c => data.Schema.Columns[c].Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>HMAC-SHA256 of the row's canonical bytes under <paramref name="key"/>.</summary>
    public byte[] Digest(int row, byte[] key)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> scratch = stackalloc byte[9];
        foreach (int c in _columnOrder)
        {
            var column = _data.Schema.Columns[c];
            AppendString(hmac, column.Name);
            if (column.IsNumeric)
            {
                double value = _data.Numeric(c)[row];
                if (double.IsNaN(value)) { scratch[0] = 0; hmac.AppendData(scratch[..1]); continue; }
                scratch[0] = 1;
                BinaryPrimitives.WriteInt64LittleEndian(scratch[1..], BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value));
                hmac.AppendData(scratch);
            }
            else
            {
                string? label = _data.Labels(c)[row];
                if (label is null) { scratch[0] = 0; hmac.AppendData(scratch[..1]); continue; }
                scratch[0] = 2;
                hmac.AppendData(scratch[..1]);
                AppendString(hmac, label);
            }
        }
        return hmac.GetHashAndReset();
    }

    static void AppendString(IncrementalHash hash, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
