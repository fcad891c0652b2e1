namespace SynthData.Core.Tabular.Io;

/// <summary>
/// One pass's count of what a reader has yielded, against its <see cref="TableLimits"/>: each check throws
/// <see cref="TableLimitExceededException"/> before the row or value that would exceed a limit is handed on.
/// </summary>
sealed class TableLimitGuard(string path, TableLimits limits, int columns)
{
    long _rows;

    public static void CheckColumns(string path, TableLimits limits, int columns)
    {
        if (columns > limits.MaxColumns)
            throw new TableLimitExceededException(path, nameof(TableLimits.MaxColumns), limits.MaxColumns, $"{columns:N0} columns");
    }

    /// <summary>Rows a file declares up front (Parquet footers): refused before any of them is decoded.</summary>
    public void CheckDeclaredRows(long rows, string source)
    {
        if (rows > limits.MaxRows)
            throw new TableLimitExceededException(path, nameof(TableLimits.MaxRows), limits.MaxRows, $"{rows:N0} rows declared by {source}");
        if (Cells(rows) > limits.MaxCells)
            throw new TableLimitExceededException(path, nameof(TableLimits.MaxCells), limits.MaxCells, $"{Cells(rows):N0} cells ({rows:N0} rows of {columns} columns) declared by {source}");
    }

    public void CountRow()
    {
        _rows++;
        if (_rows > limits.MaxRows)
            throw new TableLimitExceededException(path, nameof(TableLimits.MaxRows), limits.MaxRows, $"more than {limits.MaxRows:N0} rows");
        if (Cells(_rows) > limits.MaxCells)
            throw new TableLimitExceededException(path, nameof(TableLimits.MaxCells), limits.MaxCells, $"more than {limits.MaxCells:N0} cells ({columns} columns)");
    }

    /// <summary>Throws when one cell's bytes exceed <see cref="TableLimits.MaxValueBytes"/>.</summary>
    /// <param name="bytes">The cell's UTF-8 length as read.</param>
    /// <param name="column">The cell's column name, for the message.</param>
    /// <param name="row">The row as a user counts it (see <see cref="RawRow.RowNumber"/>).</param>
    public void CheckValueBytes(long bytes, long row, string column)
    {
        if (bytes > limits.MaxValueBytes)
            throw new TableLimitExceededException(path, nameof(TableLimits.MaxValueBytes), limits.MaxValueBytes,
                $"a value of {bytes:N0} bytes in row {row:N0}, column '{column}'");
    }

    long Cells(long rows) => rows > long.MaxValue / Math.Max(columns, 1) ? long.MaxValue : rows * columns;
}
