using SynthData.Cli.Bench;

namespace SynthData.Bench;

/// <summary>
/// Samples this process's resident memory at a fixed interval, together with a progress counter (bytes received),
/// so memory can be read at a given fraction of a stream afterwards.
/// </summary>
public sealed class MemorySampler
{
    /// <param name="ManagedHeapBytes">The GC heap after the last collection: flat heap with growing RSS points at native (libtorch) memory.</param>
    public readonly record struct Sample(TimeSpan At, long Progress, long? ResidentBytes, long ManagedHeapBytes);

    readonly List<Sample> _samples = [];
    readonly Func<long> _progress;
    readonly CancellationTokenSource _stop = new();
    readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    readonly Task _loop;

    public MemorySampler(TimeSpan interval, Func<long> progress)
    {
        _progress = progress;
        _loop = Task.Run(() => LoopAsync(interval));
    }

    async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do Take();
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) { } // stopped
    }

    void Take()
    {
        var sample = new Sample(_clock.Elapsed, _progress(), ProcessMemory.ResidentBytes(), GC.GetGCMemoryInfo().HeapSizeBytes);
        lock (_samples) _samples.Add(sample);
    }

    /// <summary>Stops sampling and takes a last sample (the end of the stream).</summary>
    public async Task<IReadOnlyList<Sample>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Take();
        _stop.Dispose();
        lock (_samples) return _samples.ToList();
    }
}
