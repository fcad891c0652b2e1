using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SynthData.Server.Storage.Artifacts;

/// <summary>
/// Encrypts artifacts at rest with AES-256-GCM (key from configuration, SynthData:ArtifactKey), so the database, the
/// shared folder or a backup alone reveals no raw row. Streamed in 64 KiB segments: a random 8-byte prefix per
/// artifact plus the segment's number make each nonce, and the last segment is marked in its associated data, so
/// reordered, altered, truncated or extended content fails authentication instead of reading back wrong.
/// </summary>
public sealed class EncryptedArtifactStore(IArtifactStore inner, byte[] key) : IArtifactStore
{
    const int SegmentBytes = 64 * 1024;
    const int TagBytes = 16;
    static readonly byte[] Magic = "SDA1"u8.ToArray();

    readonly byte[] _key = key.Length == 32 ? key : throw new ArgumentException("The artifact key must be 32 bytes (base64 of 32 random bytes).", nameof(key));

    public static byte[] ParseKey(string base64) =>
        Convert.TryFromBase64String(base64, new byte[32], out int written) && written == 32
            ? Convert.FromBase64String(base64)
            : throw new InvalidOperationException("Refusing to start: SynthData:ArtifactKey must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");

    public Task WriteAsync(string key, Stream content, CancellationToken cancellationToken) =>
        inner.WriteAsync(key, new Encrypting(new AesGcm(_key, TagBytes), content), cancellationToken);

    public Stream OpenRead(string key) => new Decrypting(new AesGcm(_key, TagBytes), inner.OpenRead(key));

    public bool Exists(string key) => inner.Exists(key);

    public void Delete(string key) => inner.Delete(key);

    static byte[] Nonce(byte[] prefix, long index)
    {
        var nonce = new byte[12];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), checked((uint)index));
        return nonce;
    }

    static byte[] Associated(bool last) => [.. Magic, last ? (byte)1 : (byte)0];

    sealed class Encrypting(AesGcm aes, Stream plain) : SegmentReadStream
    {
        readonly byte[] _prefix = RandomNumberGenerator.GetBytes(8);
        readonly byte[] _buffer = new byte[SegmentBytes];
        long _index = -1;
        bool _last;

        protected override byte[]? NextSegment()
        {
            if (_index < 0) { _index = 0; return [.. Magic, .. _prefix]; }
            if (_last) return null;
            int read = plain.ReadAtLeast(_buffer, SegmentBytes, throwOnEndOfStream: false);
            _last = read < SegmentBytes; // a full segment is never the last: the end is always a short (maybe empty) one
            var sealedSegment = new byte[read + TagBytes];
            aes.Encrypt(Nonce(_prefix, _index++), _buffer.AsSpan(0, read), sealedSegment.AsSpan(0, read), sealedSegment.AsSpan(read), Associated(_last));
            return sealedSegment;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) aes.Dispose();
            base.Dispose(disposing);
        }
    }

    sealed class Decrypting(AesGcm aes, Stream sealedContent) : SegmentReadStream
    {
        readonly byte[] _buffer = new byte[SegmentBytes + TagBytes];
        byte[]? _prefix;
        long _index;
        bool _last;

        protected override byte[]? NextSegment()
        {
            if (_prefix is null)
            {
                var header = new byte[Magic.Length + 8];
                if (sealedContent.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
                    throw new InvalidDataException("The artifact is not encrypted content of this store.");
                _prefix = header[Magic.Length..];
            }
            int read = sealedContent.ReadAtLeast(_buffer, _buffer.Length, throwOnEndOfStream: false);
            if (_last)
                return read == 0 ? null : throw new InvalidDataException("The encrypted artifact continues past its last segment.");
            if (read < TagBytes) throw new InvalidDataException("The encrypted artifact is truncated.");
            _last = read < _buffer.Length;
            var plain = new byte[read - TagBytes];
            try
            {
                aes.Decrypt(Nonce(_prefix, _index++), _buffer.AsSpan(0, plain.Length), _buffer.AsSpan(plain.Length, TagBytes), plain, Associated(_last));
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw new InvalidDataException("The encrypted artifact fails authentication (altered, truncated or another key).", e);
            }
            return plain.Length == 0 ? (_last ? null : plain) : plain;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) { aes.Dispose(); sealedContent.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
