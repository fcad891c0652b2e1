using System.Collections.Concurrent;
using System.Diagnostics;
using SynthData.Core.Model;
using static TorchSharp.torch;

namespace SynthData.Core.Generation;

/// <summary>
/// Samples the model's output for successive chunks on a background thread, one chunk ahead of the
/// consumer, so sampling (libtorch) overlaps decoding and writing. Two buffers circulate: the one the
/// consumer decodes and the one being filled, so memory stays at two chunks however many rows are drawn.
/// One thread draws every chunk in order from one generator, so the draws do not depend on timing.
/// </summary>
internal sealed class ModelOutputPrefetcher : IDisposable
{
    /// <summary>
    /// A sampled chunk: rows x Width outputs at the start of Buffer, categorical blocks still logits
    /// (see <see cref="TabularVae.LogitsToProbabilities"/>); hand Buffer back with <see cref="Return"/>.
    /// </summary>
    public readonly record struct SampledChunk(float[] Buffer, long FirstRow, int Rows);

    const int Buffers = 2;

    readonly BlockingCollection<float[]> _free = new(Buffers);
    readonly BlockingCollection<SampledChunk> _ready = new(1);
    readonly CancellationTokenSource _stop;
    readonly Task _producer;

    public ModelOutputPrefetcher(TabularVae vae, long rows, int chunkRows, ulong seed, GenerationTimings? timings, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long bufferLength = Math.Min(rows, chunkRows) * (long)vae.Width;
        for (int i = 0; i < Buffers; i++) _free.Add(new float[bufferLength]);
        var stop = _stop.Token;
        _producer = Task.Run(() =>
        {
            try
            {
                using var singleThreaded = SingleThreadedTorch.Enter(); // decoding and writing keep the other cores busy
                using var generator = new Generator(seed);
                for (long first = 0; first < rows; first += chunkRows)
                {
                    int count = (int)Math.Min(chunkRows, rows - first);
                    var buffer = _free.Take(stop);
                    long started = Stopwatch.GetTimestamp();
                    vae.SampleLogits(count, generator, buffer); // the consumer applies the softmax: this thread is the slowest stage
                    timings?.AddSample(started);
                    _ready.Add(new SampledChunk(buffer, first, count), stop);
                }
            }
            finally
            {
                _ready.CompleteAdding();
            }
        }, stop);
    }

    /// <summary>The next chunk in order; false after the last. Rethrows a sampling failure.</summary>
    public bool TryTake(out SampledChunk chunk)
    {
        try
        {
            if (_ready.TryTake(out chunk, Timeout.Infinite, _stop.Token)) return true;
        }
        catch (OperationCanceledException) when (_producer.IsFaulted)
        {
        }
        _producer.GetAwaiter().GetResult(); // the producer's exception or cancellation, if any
        chunk = default;
        return false;
    }

    public void Return(float[] buffer) => _free.Add(buffer);

    /// <summary>Stops the producer (if the consumer quit early) and waits for it, so the model is not in use afterwards.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.Wait();
        }
        catch (AggregateException)
        {
            // Cancelled by this Dispose, or a failure the consumer has already seen or no longer wants.
        }
        _stop.Dispose();
        _free.Dispose();
        _ready.Dispose();
    }
}
