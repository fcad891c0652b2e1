namespace SynthData.Core.Tabular;

/// <summary>
/// A table or schema file does not have the shape or content that was expected. The message names
/// the file, row and column and what was expected, and never the offending cell's value: cell
/// values are private and exception messages end up in logs and RPC replies.
/// </summary>
public sealed class TableFormatException : UserFacingException
{
    /// <summary>File name (without directories, which may reveal more than needed).</summary>
    public string File { get; }
    /// <summary>1-based row as a user counts it (CSV header = row 1), or null when not row-specific.</summary>
    public long? Row { get; }
    /// <summary>Column name, or null when not column-specific.</summary>
    public string? Column { get; }
    /// <summary>What was expected, e.g. "an integer".</summary>
    public string Expected { get; }

    /// <summary>Names the problem by file, row and column; <paramref name="expected"/> says what was expected there.</summary>
    /// <param name="file">The file's path; only its name is kept.</param>
    /// <param name="row">The 1-based row as a user counts it, or null.</param>
    /// <param name="column">The column's name, or null.</param>
    /// <param name="expected">What was expected, e.g. "an integer".</param>
    /// <param name="inner">Only pass exceptions whose messages cannot contain cell values.</param>
    public TableFormatException(string file, long? row, string? column, string expected, Exception? inner = null)
        : base(ErrorReason.InvalidInput, Describe(file, row, column, expected), inner: inner)
    {
        File = System.IO.Path.GetFileName(file);
        Row = row;
        Column = column;
        Expected = expected;
    }

    static string Describe(string file, long? row, string? column, string expected)
    {
        var parts = new List<string> { System.IO.Path.GetFileName(file) };
        if (row is not null) parts.Add($"row {row}");
        if (column is not null) parts.Add($"column '{column}'");
        return $"{string.Join(", ", parts)}: expected {expected}";
    }
}
