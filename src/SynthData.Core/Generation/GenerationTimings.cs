using System.Diagnostics;

namespace SynthData.Core.Generation;

/// <summary>
/// Busy time of each generation stage, summed over chunks, for the bench command. Stages may run on
/// different threads at once (sampling the next chunk while the last one is written), so the sum can
/// exceed the wall time.
/// </summary>
public sealed class GenerationTimings
{
    long _sampleTicks, _decodeTicks, _writeTicks;

    /// <summary>Time spent drawing latents and running the decoder network (with the resampling, for a segment).</summary>
    public TimeSpan Sample => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _sampleTicks));
    /// <summary>Time spent turning decoder outputs into table values.</summary>
    public TimeSpan Decode => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _decodeTicks));
    /// <summary>Time spent writing row groups.</summary>
    public TimeSpan Write => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writeTicks));

    internal void AddSample(long since) => Interlocked.Add(ref _sampleTicks, Stopwatch.GetTimestamp() - since);
    internal void AddDecode(long since) => Interlocked.Add(ref _decodeTicks, Stopwatch.GetTimestamp() - since);
    internal void AddWrite(long since) => Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - since);
}
