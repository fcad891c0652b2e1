namespace SynthData.Core.Tabular.Io;

/// <summary>How to open a table file.</summary>
public sealed record TableReadOptions
{
    /// <summary>CSV field delimiter; null sniffs it from the first lines among ',' ';' tab '|'.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the CSV's first row names the columns (else they are named column_1, column_2, ...).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>What the file may expand to, checked while it streams (none by default).</summary>
    public TableLimits Limits { get; init; } = TableLimits.None;

    /// <summary>A header row, a detected delimiter, no limits.</summary>
    public static TableReadOptions Default { get; } = new();
}
