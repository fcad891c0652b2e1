using Grpc.Core;

namespace SynthData.Client.Tests;

/// <summary>A server stream that replays fixed messages, as a real Generate call would deliver them.</summary>
sealed class ReplayedStream<T>(IEnumerable<T> messages) : IAsyncStreamReader<T>
{
    readonly IEnumerator<T> _messages = messages.GetEnumerator();

    public T Current => _messages.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(_messages.MoveNext());
}

/// <summary>A client stream that records what was written, in order.</summary>
sealed class RecordingWriter<T> : IClientStreamWriter<T>
{
    public List<T> Messages { get; } = [];
    public bool Completed { get; private set; }
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message)
    {
        Assert.False(Completed, "written after CompleteAsync");
        Messages.Add(message);
        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        Completed = true;
        return Task.CompletedTask;
    }
}
