using System.Collections.Concurrent;
using System.Threading.Channels;
using SynthData.Api.V1;

namespace SynthData.Server.Jobs;

/// <summary>
/// In-memory fan-out of job events to watchers. Watchers subscribe BEFORE reading the persisted
/// state, so no event falls between the snapshot and the stream (a duplicate is harmless: events
/// carry the whole job).
/// </summary>
public sealed class JobBroadcaster
{
    readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<JobEvent>, byte>> _watchers = new();

    public Subscription Subscribe(string jobId)
    {
        // Bounded, dropping the oldest: a slow watcher loses intermediate steps, never the latest state.
        var channel = Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers.GetOrAdd(jobId, _ => new()).TryAdd(channel, 0);
        return new Subscription(this, jobId, channel);
    }

    public void Publish(string jobId, JobEvent jobEvent)
    {
        if (!_watchers.TryGetValue(jobId, out var channels)) return;
        foreach (var channel in channels.Keys) channel.Writer.TryWrite(jobEvent);
    }

    void Unsubscribe(string jobId, Channel<JobEvent> channel)
    {
        if (_watchers.TryGetValue(jobId, out var channels))
        {
            channels.TryRemove(channel, out _);
            if (channels.IsEmpty) _watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Channel<JobEvent>, byte>>(jobId, channels));
        }
    }

    public sealed class Subscription(JobBroadcaster owner, string jobId, Channel<JobEvent> channel) : IDisposable
    {
        public ChannelReader<JobEvent> Events => channel.Reader;
        public void Dispose() => owner.Unsubscribe(jobId, channel);
    }
}
