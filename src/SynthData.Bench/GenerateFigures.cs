using SynthData.Cli.Bench;

namespace SynthData.Bench;

/// <summary>The figures of `bench generate`, printed as text or, with --json, as one object.</summary>
public sealed record GenerateFigures
{
    public string? Server { get; init; }
    public string? ModelId { get; init; }
    public double? SetupSeconds { get; init; }
    public required long Rows { get; init; }
    public required long Bytes { get; init; }
    public required double Seconds { get; init; }
    public required double RowsPerSecond { get; init; }
    public required double MegabytesPerSecond { get; init; }
    public required double? TimeToFirstByteMs { get; init; }
    public required double? CpuSeconds { get; init; }
    public required double? CpuMicrosecondsPerRow { get; init; }
    public required MemoryFigures? Memory { get; init; }
}

/// <summary>Resident memory and managed heap of the in-process server around and during the stream.</summary>
public sealed record MemoryFigures
{
    public required int Samples { get; init; }
    public required long? BaselineResidentBytes { get; init; }
    public required long BaselineHeapBytes { get; init; }
    public required IReadOnlyList<FractionFigures> AtFraction { get; init; }
    public required long? EndResidentBytes { get; init; }
    public required long EndHeapBytes { get; init; }
    public required long? MaxResidentBytes { get; init; }
    public required long? PeakResidentBytes { get; init; }

    /// <summary>Memory at 10% and 50% of the stream (rows estimated from bytes, row groups being equal), at its end, and the peaks.</summary>
    public static MemoryFigures Of(IReadOnlyList<MemorySampler.Sample> samples, long totalBytes, long? baseline, long baselineHeap) => new()
    {
        Samples = samples.Count,
        BaselineResidentBytes = baseline,
        BaselineHeapBytes = baselineHeap,
        AtFraction = [.. new[] { 0.1, 0.5 }.Select(fraction =>
        {
            var at = samples.FirstOrDefault(s => s.Progress >= fraction * totalBytes && s.Progress > 0);
            return at.At == default ? new FractionFigures(fraction, null, null, null) : new FractionFigures(fraction, at.At.TotalSeconds, at.ResidentBytes, at.ManagedHeapBytes);
        })],
        EndResidentBytes = samples[^1].ResidentBytes,
        EndHeapBytes = samples[^1].ManagedHeapBytes,
        MaxResidentBytes = samples.Max(s => s.ResidentBytes),
        PeakResidentBytes = ProcessMemory.PeakResidentBytes(),
    };
}

/// <summary>Memory at a fraction of the stream; null figures when no sample fell there (a stream shorter than the interval).</summary>
public sealed record FractionFigures(double Fraction, double? Seconds, long? ResidentBytes, long? HeapBytes);
