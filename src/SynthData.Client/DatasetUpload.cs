using Google.Protobuf;
using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Client;

/// <summary>
/// Client side of DatasetService.UploadDataset: one header message, then the file's bytes in 1 MiB chunks
/// (well under the server's 4 MiB message limit, and only one chunk in memory at a time).
/// </summary>
public static class DatasetUpload
{
    /// <summary>Chunk size: 1 MiB, well under the server's 4 MiB message limit.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>Parquet for *.parquet, CSV for anything else (the server rejects what does not parse).</summary>
    public static DataFormat FormatOf(string path) =>
        Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase) ? DataFormat.Parquet : DataFormat.Csv;

    /// <summary>Streams the file at <paramref name="path"/> to the server and returns the stored dataset.</summary>
    /// <param name="client">The dataset service client (with the API key attached).</param>
    /// <param name="path">The CSV or Parquet file to upload.</param>
    /// <param name="header">Name and format default to the file's name and extension when left empty.</param>
    /// <param name="bytesSent">Receives the running total of bytes sent, after each chunk.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public static async Task<Dataset> UploadAsync(DatasetService.DatasetServiceClient client, string path, UploadDatasetHeader header,
        IProgress<long>? bytesSent = null, CancellationToken cancellationToken = default)
    {
        var complete = header.Clone();
        if (complete.Name.Length == 0) complete.Name = Path.GetFileNameWithoutExtension(path);
        if (complete.Format == DataFormat.Unspecified) complete.Format = FormatOf(path);
        // Opened before the call starts, so a missing file fails here and not half-way through an upload.
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var call = client.UploadDataset(cancellationToken: cancellationToken);
        try
        {
            await WriteAsync(call.RequestStream, file, complete, bytesSent, cancellationToken);
        }
        catch (RpcException)
        {
            // The server ended the call early (a refusal, e.g. a malformed file or one over the size limit):
            // its status, with the reason, comes with the response below.
        }
        return await call.ResponseAsync;
    }

    /// <summary>Writes the header, then every byte of <paramref name="content"/> in chunks of at most <see cref="ChunkBytes"/>, then completes.</summary>
    public static async Task WriteAsync(IClientStreamWriter<UploadDatasetRequest> writer, Stream content, UploadDatasetHeader header,
        IProgress<long>? bytesSent = null, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(new UploadDatasetRequest { Header = header }, cancellationToken);
        var buffer = new byte[ChunkBytes];
        long sent = 0;
        int read;
        while ((read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
        {
            await writer.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
            sent += read;
            bytesSent?.Report(sent);
        }
        await writer.CompleteAsync();
    }
}
