using System.Diagnostics;
using System.Threading.Channels;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;

namespace SynthData.Core.Generation;

/// <summary>Streams a generator's chunks into one Parquet file (a row group per chunk) with footer metadata.</summary>
public static class SyntheticParquet
{
    /// <summary>Writes <paramref name="rows"/> synthetic rows to <paramref name="output"/>, decoding on another thread while writing; returns the rows written.</summary>
    /// <param name="generator">The generator to draw from.</param>
    /// <param name="rows">Rows to write.</param>
    /// <param name="seed">Seed of the draws; with the same chunk size it gives the same rows.</param>
    /// <param name="output">Stream the file is written to; left open.</param>
    /// <param name="metadata">Footer key-value pairs, e.g. synthdata.version and synthdata.governance.</param>
    /// <param name="chunkRows">Rows per chunk and row group.</param>
    /// <param name="cancellationToken">Stops generation and writing.</param>
    /// <param name="timings">When given, receives the time spent in each stage.</param>
    /// <param name="rowsWritten">Called after each row group with the running total (progress bars).</param>
    public static async Task<long> WriteAsync(SyntheticTableGenerator generator, long rows, int seed, Stream output,
        IReadOnlyDictionary<string, string> metadata, Action<long>? rowsWritten = null, int chunkRows = SyntheticTableGenerator.DefaultChunkRows,
        CancellationToken cancellationToken = default, GenerationTimings? timings = null)
    {
        await using var writer = await ParquetTableWriter.CreateAsync(generator.Schema, output, leaveOpen: true, cancellationToken);
        foreach (var (key, value) in metadata) writer.Metadata[key] = value;
        // Decoding (and, a chunk ahead of it, sampling) runs on another thread while this one writes: at
        // most one decoded chunk waits here, so memory stays a few chunks whatever the row count.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decoded = Channel.CreateBounded<TabularData>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in generator.Generate(rows, seed, chunkRows, stop.Token, timings))
                    await decoded.Writer.WriteAsync(chunk, stop.Token);
                decoded.Writer.Complete();
            }
            catch (Exception e)
            {
                decoded.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var chunk in decoded.Reader.ReadAllAsync(stop.Token))
            {
                stop.Token.ThrowIfCancellationRequested(); // a chunk may already be waiting when the caller cancels
                long started = Stopwatch.GetTimestamp();
                await writer.WriteRowGroupAsync(chunk, stop.Token);
                timings?.AddWrite(started);
                rowsWritten?.Invoke(writer.RowsWritten);
            }
        }
        finally
        {
            stop.Cancel(); // a failed write stops the producer; after success it has finished already
            await producer;
        }
        await writer.CompleteAsync();
        return writer.RowsWritten;
    }

    /// <summary>Writes to a file through a temporary name, so a failed or cancelled run leaves no partial file.</summary>
    public static async Task<long> WriteFileAsync(SyntheticTableGenerator generator, long rows, int seed, string path,
        IReadOnlyDictionary<string, string> metadata, Action<long>? rowsWritten = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        try
        {
            long written;
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                written = await WriteAsync(generator, rows, seed, stream, metadata, rowsWritten, cancellationToken: cancellationToken);
            File.Move(temporary, full, overwrite: true);
            return written;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
