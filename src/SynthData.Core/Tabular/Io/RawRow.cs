namespace SynthData.Core.Tabular.Io;

/// <summary>
/// One data row as read from a file, before parsing. Private: never log or print it.
/// </summary>
/// <param name="RowNumber">1-based row as a user counts it: for CSV the header is row 1, for Parquet the first row is row 1.</param>
/// <param name="Cells">One text per column; null is a Parquet null (a CSV empty field is "").</param>
public sealed record RawRow(long RowNumber, string?[] Cells);
