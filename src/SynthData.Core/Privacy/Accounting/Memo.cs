using System.Collections.Concurrent;

namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// Remembered answers of a pure computation, by key: concurrent askers of one key share one computation, a failure is
/// not remembered (the next asker computes again), and past the capacity the oldest answers are forgotten first.
/// </summary>
internal sealed class Memo<T>(int capacity)
{
    readonly ConcurrentDictionary<string, Lazy<T>> _answers = new();
    readonly ConcurrentQueue<string> _order = new();

    public int Count => _answers.Count;

    public T Get(string key, Func<T> compute)
    {
        var fresh = new Lazy<T>(compute);
        var answer = _answers.GetOrAdd(key, fresh);
        if (ReferenceEquals(answer, fresh)) Remember(key);
        try
        {
            return answer.Value;
        }
        catch
        {
            _answers.TryRemove(new KeyValuePair<string, Lazy<T>>(key, answer));
            throw;
        }
    }

    void Remember(string key)
    {
        _order.Enqueue(key);
        while (_answers.Count > capacity && _order.TryDequeue(out string? oldest))
            _answers.TryRemove(oldest, out _);
    }
}
