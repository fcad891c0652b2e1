using Grpc.Core;
using SynthData.Core.Model.Training;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Server.Storage;

namespace SynthData.Server.Datasets;

/// <summary>
/// How Core reads a stored dataset: its raw table (from the shared artifact store, as a local file), the schema resolved
/// at upload, and the upload's delimiter.
/// </summary>
public static class DatasetInput
{
    public static TableReadOptions ReadOptions(DatasetRecord dataset) => new() { Delimiter = ParseDelimiter(dataset.Delimiter) };

    public static char? ParseDelimiter(string? text) => text switch
    {
        null or "" => null,
        "\\t" => '\t',
        { Length: 1 } d => d[0],
        _ => throw Validation.FieldViolations.Invalid("header.delimiter", "must be one character (or \\t)"),
    };

    /// <summary>The raw table as a local file Core can read; FAILED_PRECONDITION once the raw rows are erased.</summary>
    public static string LocalPath(ServerStore store, DatasetRecord dataset)
    {
        try
        {
            if (!dataset.Erased) return store.Artifacts.LocalPath(dataset.RawPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Erased by another replica since the record was read, or lost: either way the rows are not there.
        }
        throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Dataset '{dataset.Id}' has been erased: its raw rows are gone."));
    }

    /// <summary>The schema resolved at upload, stored as a complete schema file: it overrides every inferred column.</summary>
    public static TableSchema Schema(string localPath, DatasetRecord dataset)
    {
        using var reader = TableReaders.Open(localPath, ReadOptions(dataset));
        return SchemaResolver.Resolve(reader, SchemaFile.Parse(dataset.SchemaJson, $"{dataset.Id} schema"));
    }

    /// <summary>The training input; FAILED_PRECONDITION once the raw rows are erased.</summary>
    public static TrainingInput For(ServerStore store, DatasetRecord dataset)
    {
        string path = LocalPath(store, dataset);
        return new TrainingInput(path, Schema(path, dataset), store.FingerprintKey, ReadOptions(dataset));
    }
}
