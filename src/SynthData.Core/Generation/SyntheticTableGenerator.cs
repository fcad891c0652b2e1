using System.Diagnostics;
using SynthData.Core.Model;
using SynthData.Core.Tabular;

namespace SynthData.Core.Generation;

/// <summary>
/// Draws synthetic rows from a trained model in chunks, so any number of rows streams in bounded
/// memory. Modelled columns come from the VAE through the transformer; identifiers and PII columns are
/// replaced by surrogate values or dropped. The output keeps the source schema's column order.
/// </summary>
public sealed class SyntheticTableGenerator
{
    public const int DefaultChunkRows = 50_000;

    readonly TrainedModel _model;

    /// <param name="releaseOf">Per non-modelled column; columns it omits are replaced.</param>
    public SyntheticTableGenerator(TrainedModel model, Func<ColumnSchema, ColumnRelease>? releaseOf = null)
    {
        _model = model;
        var decoded = model.Transformer.OutputSchema;
        var columns = new List<ColumnSchema>();
        foreach (var column in model.Manifest.Schema.Columns)
        {
            if (column.IsModelled) columns.Add(decoded[column.Name]);
            else if ((releaseOf?.Invoke(column) ?? ColumnRelease.Replace) == ColumnRelease.Replace) columns.Add(column);
        }
        Schema = new TableSchema(columns);
    }

    /// <summary>The schema of the synthetic table.</summary>
    public TableSchema Schema { get; }

    /// <summary>Yields chunks totalling <paramref name="rows"/> rows; the same seed and chunk size give the same rows.</summary>
    /// <param name="timings">When given, receives the time spent sampling and decoding.</param>
    public IEnumerable<TabularData> Generate(long rows, int seed, int chunkRows = DefaultChunkRows, CancellationToken cancellationToken = default,
        GenerationTimings? timings = null)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count cannot be negative.");
        if (chunkRows < 1) throw new ArgumentOutOfRangeException(nameof(chunkRows), chunkRows, "Chunks need at least one row.");
        // Sampling runs one chunk ahead on another thread; decoding stays here, in chunk order, with one
        // Random, so the rows are the same whatever the timing.
        using var sampler = new ModelOutputPrefetcher(_model.Vae, rows, chunkRows, (ulong)DerivedSeed.For(seed, "latent"), timings, cancellationToken);
        var decodeRandom = new Random(DerivedSeed.For(seed, "decode"));
        var surrogates = new SurrogateValues(DerivedSeed.For(seed, "surrogates"));
        while (sampler.TryTake(out var sampled))
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = Stopwatch.GetTimestamp();
            _model.Vae.LogitsToProbabilities(sampled.Buffer, sampled.Rows);
            var decoded = _model.Transformer.Decode(sampled.Buffer.AsSpan(), sampled.Rows, decodeRandom);
            sampler.Return(sampled.Buffer);
            var columns = new object[Schema.Columns.Count];
            for (int c = 0; c < Schema.Columns.Count; c++)
            {
                var column = Schema.Columns[c];
                columns[c] = column.IsModelled
                    ? decoded.Column(decoded.Schema.IndexOf(column.Name))
                    : surrogates.Make(column, sampled.FirstRow, sampled.Rows);
            }
            var chunk = new TabularData(Schema, columns);
            timings?.AddDecode(started);
            yield return chunk;
        }
    }
}
