using static TorchSharp.torch;

namespace SynthData.Core.Generation;

/// <summary>
/// Runs libtorch with one intra-op thread while at least one scope is open, and restores the previous
/// count when the last one closes. Generation samples on its own thread while other threads decode and
/// write, so extra OpenMP workers only spin between the chunk's small ops: perf showed 14% of all CPU time
/// in that spinning, and bench generate-core went from about 225k to 257k rows/s without it. The setting is
/// process-wide in libtorch (OpenMP's global ICV for threads it did not create), hence the reference count:
/// overlapping generations must not restore each other's value.
/// </summary>
internal static class SingleThreadedTorch
{
    static readonly object Gate = new();
    static int _open, _saved;

    public static IDisposable Enter()
    {
        lock (Gate)
        {
            if (_open++ == 0)
            {
                _saved = get_num_threads();
                set_num_threads(1);
            }
        }
        return new Scope();
    }

    sealed class Scope : IDisposable
    {
        int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            lock (Gate)
            {
                if (--_open == 0) set_num_threads(_saved);
            }
        }
    }
}
