namespace SynthData.Server.Storage.Artifacts;

/// <summary>A forward-only read stream over segments produced one at a time (chunks from a database, decrypted blocks).</summary>
public abstract class SegmentReadStream : Stream
{
    byte[] _segment = [];
    int _offset;
    bool _ended;

    /// <summary>The next segment, or null at the end.</summary>
    protected abstract byte[]? NextSegment();

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_offset == _segment.Length)
        {
            if (_ended || NextSegment() is not { } segment) { _ended = true; return 0; }
            (_segment, _offset) = (segment, 0);
        }
        int n = Math.Min(count, _segment.Length - _offset);
        Array.Copy(_segment, _offset, buffer, offset, n);
        _offset += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
