namespace SynthData.Cli.Bench;

/// <summary>
/// Resident memory from /proc/self/status (Linux): VmRSS now and VmHWM, the peak so far. These count
/// native allocations (libtorch, Parquet buffers) that the managed heap figures miss.
/// </summary>
public readonly record struct ProcessMemory(double RssMiB, double PeakRssMiB)
{
    public static ProcessMemory Read()
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kibibytes(line) / 1024.0;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kibibytes(line) / 1024.0;
        }
        return new ProcessMemory(rss, peak);
    }

    // "VmRSS:     123456 kB"
    static long Kibibytes(string line) => long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());

    public override string ToString() => $"RSS {RssMiB:F0} MiB, peak RSS {PeakRssMiB:F0} MiB";
}
