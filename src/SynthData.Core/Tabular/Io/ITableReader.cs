namespace SynthData.Core.Tabular.Io;

/// <summary>
/// A table file read as rows of text, streamed: rows are yielded one at a time and the file is never
/// loaded whole. Each call to <see cref="ReadRows"/> starts a fresh pass from the first data row, so
/// the same reader can serve schema inference and then loading.
/// </summary>
public interface ITableReader : IDisposable
{
    /// <summary>The file being read, as named in error messages.</summary>
    string Path { get; }
    /// <summary>The columns' names, in file order.</summary>
    IReadOnlyList<string> ColumnNames { get; }
    /// <summary>A fresh pass over the data rows, one at a time.</summary>
    IEnumerable<RawRow> ReadRows();
}
