using SynthData.Core;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;
using SynthData.Server.Hosting;

namespace SynthData.Server.Datasets;

/// <summary>
/// Proves an uploaded file is a table the pipeline can train on, before anything is recorded: opens
/// it with Core's readers, resolves the schema (declared schema file over inference) and parses
/// every row, within the server's upload limits (checked while the file streams). Failures surface as
/// <see cref="TableFormatException"/>, whose messages name file, row and column but never a value, or, past a limit,
/// as RESOURCE_EXHAUSTED naming the setting.
/// </summary>
public static class UploadValidator
{
    public static UploadedTable Validate(string path, string? schemaJson, char? delimiter, TableLimits limits, byte[] fingerprintKey, CancellationToken cancellationToken)
    {
        try
        {
            return ValidateOrThrow(path, schemaJson, new TableReadOptions { Delimiter = delimiter, Limits = limits }, fingerprintKey, cancellationToken);
        }
        catch (TableLimitExceededException e)
        {
            // Core's message names its own property; the operator needs the server's setting.
            throw new ResourceExhaustedException($"The upload exceeds a server limit: {e.Message}. The setting is {SynthDataServerOptions.SettingFor(e.Limit)}.");
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

    static UploadedTable ValidateOrThrow(string path, string? schemaJson, TableReadOptions options, byte[] fingerprintKey, CancellationToken cancellationToken)
    {
        var overrides = string.IsNullOrWhiteSpace(schemaJson) ? null : SchemaFile.Parse(schemaJson, "schema.json");
        using var reader = TableReaders.Open(path, options);
        var schema = SchemaResolver.Resolve(reader, overrides);
        var categories = new CategoryCountLimit(path, schema, options.Limits);
        var fingerprint = new DatasetFingerprint(fingerprintKey);
        long rows = 0;
        foreach (var chunk in TableLoader.Chunks(reader, schema, 4096))
        {
            cancellationToken.ThrowIfCancellationRequested();
            categories.Add(chunk);
            fingerprint.Add(chunk);
            rows += chunk.RowCount;
        }
        if (rows == 0) throw new TableFormatException(path, null, null, "at least one data row");
        return new UploadedTable(SchemaText(schema), rows, fingerprint.Finish());
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
