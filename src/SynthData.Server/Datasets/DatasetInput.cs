using Grpc.Core;
using SynthData.Core.Model.Training;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Server.Storage;

namespace SynthData.Server.Datasets;

/// <summary>How Core reads a stored dataset: its raw file, the schema resolved at upload, and the upload's delimiter.</summary>
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

    /// <summary>The schema resolved at upload, stored as a complete schema file: it overrides every inferred column.</summary>
    public static TableSchema Schema(DatasetRecord dataset)
    {
        using var reader = TableReaders.Open(dataset.RawPath, ReadOptions(dataset));
        return SchemaResolver.Resolve(reader, SchemaFile.Parse(dataset.SchemaJson, $"{dataset.Id} schema"));
    }

    /// <summary>The training input; FAILED_PRECONDITION once the raw rows are erased.</summary>
    public static TrainingInput For(DatasetRecord dataset, byte[] fingerprintKey)
    {
        if (dataset.Erased || !File.Exists(dataset.RawPath))
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Dataset '{dataset.Id}' has been erased: its raw rows are gone."));
        return new TrainingInput(dataset.RawPath, Schema(dataset), fingerprintKey, ReadOptions(dataset));
    }
}
