using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Generation;

/// <summary>
/// A write-only, forward-only stream that cuts the Parquet writer's bytes into parquet_chunk messages of a fixed
/// size, hashing as it goes. It holds one chunk at a time, so server memory does not grow with the file.
/// </summary>
public sealed class GrpcParquetStream(IServerStreamWriter<GenerateResponse> output, int chunkBytes, CancellationToken cancellationToken) : Stream
{
    readonly byte[] _buffer = new byte[chunkBytes];
    readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    int _filled;
    long _length;

    public long BytesWritten => _length;
    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken token = default)
    {
        _hash.AppendData(source.Span);
        _length += source.Length;
        while (source.Length > 0)
        {
            int n = Math.Min(source.Length, _buffer.Length - _filled);
            source[..n].CopyTo(_buffer.AsMemory(_filled));
            _filled += n;
            source = source[n..];
            if (_filled == _buffer.Length) await SendAsync();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken token) =>
        WriteAsync(buffer.AsMemory(offset, count), token).AsTask();

    /// <summary>Sends what is still buffered (the file's last bytes), once the writer has finished.</summary>
    public async Task CompleteAsync()
    {
        if (_filled > 0) await SendAsync();
    }

    // Parquet writers flush between row groups: a partial chunk stays buffered until it fills, keeping messages uniform.
    public override void Flush() { }
    public override Task FlushAsync(CancellationToken token) => Task.CompletedTask;

    async Task SendAsync()
    {
        await output.WriteAsync(new GenerateResponse { ParquetChunk = ByteString.CopyFrom(_buffer, 0, _filled) }, cancellationToken);
        _filled = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}
