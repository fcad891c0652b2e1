using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.TestSupport;

/// <summary>Seeded random mixed-type tables for tests.</summary>
static class RandomTables
{
    public static ColumnSchema Numeric(string name) => new() { Name = name, Kind = ColumnKind.Continuous, Nullable = true };
    public static ColumnSchema Categorical(string name) => new() { Name = name, Kind = ColumnKind.Categorical, Nullable = true };

    /// <summary>Uniform numeric values in [low, high) with the given share of NaN.</summary>
    public static double[] Numbers(Random random, int rows, double low, double high, double missingShare = 0) =>
        Enumerable.Range(0, rows).Select(_ => random.NextDouble() < missingShare ? double.NaN : low + (high - low) * random.NextDouble()).ToArray();

    /// <summary>Labels "c0".."c{labels-1}" uniformly, with the given share of nulls.</summary>
    public static string?[] Labels(Random random, int rows, int labels, double missingShare = 0) =>
        Enumerable.Range(0, rows).Select(_ => random.NextDouble() < missingShare ? null : "c" + random.Next(labels)).ToArray();
}
