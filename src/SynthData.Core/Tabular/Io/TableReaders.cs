namespace SynthData.Core.Tabular.Io;

/// <summary>Opens a table file with the reader its extension calls for.</summary>
public static class TableReaders
{
    /// <summary>A CSV reader for .csv, .tsv and .txt, a Parquet reader for .parquet; anything else is refused.</summary>
    public static ITableReader Open(string path, TableReadOptions? options = null)
    {
        options ??= TableReadOptions.Default;
        if (!File.Exists(path)) throw new FileNotFoundException($"Table file not found: {System.IO.Path.GetFileName(path)}", path);
        return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" or ".tsv" or ".txt" => new CsvTableReader(path, options),
            ".parquet" => new ParquetTableReader(path, options.Limits),
            _ => throw new TableFormatException(path, null, null, "a .csv, .tsv, .txt or .parquet file"),
        };
    }
}
