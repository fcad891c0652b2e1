using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace SynthData.Bench;

/// <summary>
/// Runs workers that make blocking store calls, each on its own thread: on pool threads a dozen blocked workers would
/// wait for the pool to grow, and the bench would measure that. Failures are counted by exception type, not thrown,
/// so one failed call does not end the phase.
/// </summary>
public static class BlockingWorkers
{
    /// <summary>Runs <paramref name="body"/>(worker index) on <paramref name="count"/> threads, waits for all, and rethrows the first exception one threw.</summary>
    public static void Run(int count, Action<int> body)
    {
        ExceptionDispatchInfo? first = null;
        void Guarded(int index)
        {
            try { body(index); }
            catch (Exception e) { Interlocked.CompareExchange(ref first, ExceptionDispatchInfo.Capture(e), null); }
        }
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() => Guarded(i)) { IsBackground = true }).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        first?.Throw();
    }

    /// <summary>Runs <paramref name="call"/>; on an exception, counts it under its type's name and returns false.</summary>
    public static bool Try(Action call, ConcurrentDictionary<string, int> failures)
    {
        try
        {
            call();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            return false;
        }
    }
}
