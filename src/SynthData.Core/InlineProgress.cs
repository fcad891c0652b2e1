namespace SynthData.Core;

/// <summary>
/// The one IProgress adapter: reports on the caller's thread, unlike Progress&lt;T&gt; (which posts to the thread pool), so displays, timers and tests see
/// each report when it happens and in order.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    /// <summary>Calls the callback at once, on the reporting thread.</summary>
    public void Report(T value) => report(value);
}
