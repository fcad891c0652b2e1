namespace SynthData.Bench;

/// <summary>Nearest-rank percentiles of a phase's call latencies, in milliseconds (NaN when there were none).</summary>
public sealed record Latency(double P50Ms, double P99Ms, double MaxMs)
{
    public static Latency Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Latency(ServerLoad.Percentile(sorted, 0.5), ServerLoad.Percentile(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}
