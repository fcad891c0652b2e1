using System.Security.Cryptography;
using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Client;

/// <summary>
/// Consumes a GenerationService.Generate stream: exactly one header first, then the Parquet file's bytes in order,
/// then one summary. The bytes go straight to the destination (memory does not grow with the file) while being
/// counted and hashed; the count and SHA-256 must match the summary, or a <see cref="GeneratedFileException"/> says what went wrong.
/// </summary>
public static class GeneratedFileReceiver
{
    /// <summary>Suffix of the file being written; it is renamed to its final name only after verification.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Copies the stream's bytes into <paramref name="destination"/>, then checks count and SHA-256 against the summary.</summary>
    public static async Task<GeneratedFile> ReceiveAsync(IAsyncStreamReader<GenerateResponse> responses, Stream destination,
        IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        GenerationHeader? header = null;
        GenerationSummary? summary = null;
        long received = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (await responses.MoveNext(cancellationToken))
        {
            var message = responses.Current;
            if (summary is not null) throw new GeneratedFileException("the server sent more after the summary.");
            switch (message.PayloadCase)
            {
                case GenerateResponse.PayloadOneofCase.Header:
                    if (header is not null) throw new GeneratedFileException("the server sent a second header.");
                    header = message.Header;
                    progress?.Report(new GenerationProgress(0, header.Rows, Complete: false));
                    break;
                case GenerateResponse.PayloadOneofCase.ParquetChunk:
                    if (header is null) throw new GeneratedFileException("file bytes arrived before the header.");
                    var chunk = message.ParquetChunk.Memory;
                    hash.AppendData(chunk.Span);
                    await destination.WriteAsync(chunk, cancellationToken);
                    received += chunk.Length;
                    progress?.Report(new GenerationProgress(received, header.Rows, Complete: false));
                    break;
                case GenerateResponse.PayloadOneofCase.Summary:
                    if (header is null) throw new GeneratedFileException("the summary arrived before the header.");
                    summary = message.Summary;
                    break;
                default:
                    throw new GeneratedFileException("the server sent an empty message.");
            }
        }

        if (header is null) throw new GeneratedFileException("the stream ended before the header.");
        if (summary is null) throw new GeneratedFileException($"the stream ended after {received:N0} bytes without the summary, so the file was cut short.");
        if (summary.Bytes != received)
            throw new GeneratedFileException($"received {received:N0} bytes but the server sent a file of {summary.Bytes:N0} bytes.");
        string sha256 = Convert.ToHexStringLower(hash.GetCurrentHash());
        if (!string.Equals(sha256, summary.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new GeneratedFileException($"the SHA-256 of the received bytes is {sha256} but the server's is {summary.Sha256}.");
        if (summary.Rows != header.Rows)
            throw new GeneratedFileException($"the server announced {header.Rows:N0} rows but the file holds {summary.Rows:N0}.");
        await destination.FlushAsync(cancellationToken);
        progress?.Report(new GenerationProgress(received, header.Rows, Complete: true));
        return new GeneratedFile(header, summary);
    }

    /// <summary>
    /// Writes to PATH.partial and renames it to PATH (replacing an older file) only once the file checks out, so a
    /// file at PATH is always whole. On any failure the partial file is deleted. Creates PATH's folder when missing.
    /// </summary>
    public static async Task<GeneratedFile> ReceiveToFileAsync(IAsyncStreamReader<GenerateResponse> responses, string path,
        IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string partial = path + PartialSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            GeneratedFile file;
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous))
                file = await ReceiveAsync(responses, output, progress, cancellationToken);
            File.Move(partial, path, overwrite: true);
            return file;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
