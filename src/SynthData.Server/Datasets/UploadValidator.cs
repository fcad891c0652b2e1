using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Server.Datasets;

/// <summary>
/// Proves an uploaded file is a table the pipeline can train on, before anything is recorded: opens
/// it with Core's readers, resolves the schema (declared schema file over inference) and parses
/// every row. Failures surface as <see cref="TableFormatException"/>, whose messages name file, row
/// and column but never a value.
/// </summary>
public static class UploadValidator
{
    public static UploadedTable Validate(string path, string? schemaJson, char? delimiter, byte[] fingerprintKey, CancellationToken cancellationToken)
    {
        try
        {
            return ValidateOrThrow(path, schemaJson, delimiter, fingerprintKey, cancellationToken);
        }
        catch (OutOfMemoryException)
        {
            // Raised by a reader that believed a size the file declares (a Parquet footer of 0x7fffffff bytes), not by
            // the server running short: the allocation was refused whole, so nothing is left to recover.
            throw new TableFormatException(path, null, null,
                $"a {Path.GetExtension(path).TrimStart('.')} file whose declared sizes fit in memory (a length in it is far beyond the file)");
        }
        catch (Exception e) when (e is not (TableFormatException or OperationCanceledException))
        {
            // A reader library's own message may quote bytes of the file, so only the shape of the failure is kept.
            throw new TableFormatException(path, null, null, $"a complete, readable {Path.GetExtension(path).TrimStart('.')} file ({e.GetType().Name})");
        }
    }

    static UploadedTable ValidateOrThrow(string path, string? schemaJson, char? delimiter, byte[] fingerprintKey, CancellationToken cancellationToken)
    {
        var overrides = string.IsNullOrWhiteSpace(schemaJson) ? null : SchemaFile.Parse(schemaJson, "schema.json");
        using var reader = TableReaders.Open(path, new TableReadOptions { Delimiter = delimiter });
        var schema = SchemaResolver.Resolve(reader, overrides);
        var (fingerprint, rows) = DatasetFingerprint.Of(reader, schema, fingerprintKey, cancellationToken);
        if (rows == 0) throw new TableFormatException(path, null, null, "at least one data row");
        return new UploadedTable(SchemaText(schema), rows, fingerprint);
    }

    /// <summary>
    /// The schema as a schema file. Safe to return to clients: inference never turns observed values
    /// into bounds or categories; those come only from the declared schema.
    /// </summary>
    static string SchemaText(TableSchema schema)
    {
        string file = Path.Combine(Path.GetTempPath(), $"synthdata-schema-{Guid.NewGuid():N}.json");
        try
        {
            SchemaFile.Save(schema, file);
            return File.ReadAllText(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
