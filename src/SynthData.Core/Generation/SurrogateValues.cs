using SynthData.Core.Tabular;

namespace SynthData.Core.Generation;

/// <summary>
/// Synthetic stand-ins for columns that are never modelled: identifiers and PII. They are made
/// from a seed and public word lists only, never from the private table, so they cannot replay a
/// real value (the PII-replay audit checks that independently).
/// </summary>
public sealed class SurrogateValues(int seed)
{
    static readonly string[] GivenNames =
        ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Robin", "Drew"];
    static readonly string[] FamilyNames =
        ["Example", "Sample", "Placeholder", "Synthetic", "Testwood", "Mockley", "Fakely", "Dummet"];
    static readonly string[] Streets =
        ["Example Street", "Sample Avenue", "Synthetic Road", "Placeholder Lane", "Test Boulevard"];

    readonly Random _random = new(seed);

    /// <summary>
    /// Values for one column of a chunk. Identifiers are sequential from <paramref name="firstRow"/>,
    /// so they stay unique across chunks of one generation run.
    /// </summary>
    public string?[] Make(ColumnSchema column, long firstRow, int count)
    {
        var values = new string?[count];
        for (int i = 0; i < count; i++)
            values[i] = column.Kind switch
            {
                ColumnKind.Identifier => $"SYN-{firstRow + i + 1:D9}",
                ColumnKind.Pii => Pii(column.Pii, firstRow + i),
                _ => throw new ArgumentException($"Column '{column.Name}' is modelled; it has no surrogate values."),
            };
        return values;
    }

    string Pii(PiiKind kind, long row) => kind switch
    {
        // example.com and the 555-01xx range are reserved for fiction and documentation.
        PiiKind.Email => $"synthetic-{row + 1:D9}@example.com",
        PiiKind.Phone => $"+1-555-01{_random.Next(100):D2}",
        PiiKind.Name => $"{Pick(GivenNames)} {Pick(FamilyNames)}",
        PiiKind.Address => $"{_random.Next(1, 999)} {Pick(Streets)}, Exampletown",
        _ => "[synthetic text]",
    };

    string Pick(string[] words) => words[_random.Next(words.Length)];
}
