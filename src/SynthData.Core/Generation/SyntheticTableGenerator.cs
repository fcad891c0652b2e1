using System.Diagnostics;
using SynthData.Core.Generation.Conditions;
using SynthData.Core.Model;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Generation;

/// <summary>
/// Draws synthetic rows from a trained model in chunks, so any number of rows streams in bounded
/// memory. Modelled columns come from the VAE through the transformer; identifiers and PII columns are
/// replaced by surrogate values or dropped. The output keeps the source schema's column order.
/// With a <see cref="Conditions.Segment"/>, every row is drawn from the model's distribution conditional on the
/// segment (see <see cref="SegmentSampler"/>); the segment is checked against the model when the generator is made.
/// </summary>
public sealed class SyntheticTableGenerator
{
    /// <summary>Rows per chunk unless the caller says otherwise: bounds memory while keeping batches large.</summary>
    public const int DefaultChunkRows = 50_000;

    readonly TrainedModel _model;
    readonly TableTransformer _transformer;
    readonly IReadOnlyList<SegmentStratum>? _strata;

    /// <summary>Prepares generation from <paramref name="model"/>; compiles the segment, if any, against its transformer.</summary>
    /// <param name="model">The trained model to draw from.</param>
    /// <param name="releaseOf">Per non-modelled column; columns it omits are replaced.</param>
    /// <param name="segment">Conditions and proportions the rows must follow; null or empty: the whole population.</param>
    /// <param name="calibration">Whether numeric columns are recalibrated to the released DP quantiles (free, off by default; see <see cref="MarginalCalibration"/>).</param>
    /// <exception cref="SegmentException">The model cannot serve the segment (the message names the column).</exception>
    public SyntheticTableGenerator(TrainedModel model, Func<ColumnSchema, ColumnRelease>? releaseOf = null, Segment? segment = null,
        MarginalCalibration calibration = MarginalCalibration.None)
    {
        _model = model;
        // Segments compile against the same transformer that decodes, so their conditions hold on the calibrated values.
        _transformer = calibration == MarginalCalibration.DpQuantiles ? QuantileCalibration.For(model) : model.Transformer;
        if (segment is { IsEmpty: false })
        {
            Segment = segment;
            _strata = SegmentCompiler.Compile(segment, model.Manifest.Schema, _transformer);
        }
        var decoded = _transformer.OutputSchema;
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

    /// <summary>The segment the rows are conditioned on; null for the whole population.</summary>
    public Segment? Segment { get; }

    /// <summary>Draws and effective sample sizes of the last conditional run (null without a segment).</summary>
    public SegmentStatistics? SegmentStatistics { get; private set; }

    /// <summary>Yields chunks totalling <paramref name="rows"/> rows; the same seed and chunk size give the same rows.</summary>
    /// <param name="rows">Total rows to draw.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="chunkRows">Rows per yielded chunk.</param>
    /// <param name="cancellationToken">Stops the generation between chunks.</param>
    /// <param name="timings">When given, receives the time spent sampling and decoding.</param>
    public IEnumerable<TabularData> Generate(long rows, int seed, int chunkRows = DefaultChunkRows, CancellationToken cancellationToken = default,
        GenerationTimings? timings = null)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count cannot be negative.");
        if (chunkRows < 1) throw new ArgumentOutOfRangeException(nameof(chunkRows), chunkRows, "Chunks need at least one row.");
        return _strata is null ? GenerateAll(rows, seed, chunkRows, cancellationToken, timings) : GenerateSegment(_strata, rows, seed, chunkRows, cancellationToken, timings);
    }

    IEnumerable<TabularData> GenerateAll(long rows, int seed, int chunkRows, CancellationToken cancellationToken, GenerationTimings? timings)
    {
        // Sampling runs one chunk ahead on another thread; decoding stays here, in chunk order, with one
        // Random, so the rows are the same whatever the timing.
        using var sampler = new ModelOutputPrefetcher(_model.Vae, rows, chunkRows, (ulong)DerivedSeed.For(seed, "latent"), timings, cancellationToken);
        var decodeRandom = new Random(DerivedSeed.For(seed, "decode"));
        var surrogates = new SurrogateValues(DerivedSeed.For(seed, "surrogates"));
        while (sampler.TryTake(out var sampled))
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = Stopwatch.GetTimestamp();
            var chunk = DecodeChunk(sampled.Buffer, sampled.FirstRow, sampled.Rows, decodeRandom, surrogates);
            sampler.Return(sampled.Buffer);
            timings?.AddDecode(started);
            yield return chunk;
        }
    }

    /// <summary>Conditional chunks: sampling and decoding on this thread (the resampling needs each block's weights first).</summary>
    IEnumerable<TabularData> GenerateSegment(IReadOnlyList<SegmentStratum> strata, long rows, int seed, int chunkRows,
        CancellationToken cancellationToken, GenerationTimings? timings)
    {
        using var singleThreaded = SingleThreadedTorch.Enter();
        using var sampler = new SegmentSampler(_model.Vae, strata, seed);
        SegmentStatistics = sampler.Statistics;
        var decodeRandom = new Random(DerivedSeed.For(seed, "decode"));
        var surrogates = new SurrogateValues(DerivedSeed.For(seed, "surrogates"));
        var buffer = new float[Math.Min(rows, chunkRows) * (long)_model.Vae.Width];
        for (long first = 0; first < rows; first += chunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = (int)Math.Min(chunkRows, rows - first);
            long started = Stopwatch.GetTimestamp();
            sampler.FillChunk(first, count, buffer);
            timings?.AddSample(started);
            started = Stopwatch.GetTimestamp();
            var chunk = DecodeChunk(buffer, first, count, decodeRandom, surrogates);
            timings?.AddDecode(started);
            yield return chunk;
        }
    }

    /// <summary>Sampled model output (categorical blocks as logits) to a chunk of the synthetic table, surrogates included.</summary>
    TabularData DecodeChunk(float[] buffer, long firstRow, int rows, Random decodeRandom, SurrogateValues surrogates)
    {
        _model.Vae.LogitsToProbabilities(buffer, rows);
        var decoded = _transformer.Decode(buffer.AsSpan(), rows, decodeRandom);
        var columns = new object[Schema.Columns.Count];
        for (int c = 0; c < Schema.Columns.Count; c++)
        {
            var column = Schema.Columns[c];
            columns[c] = column.IsModelled
                ? decoded.Column(decoded.Schema.IndexOf(column.Name))
                : surrogates.Make(column, firstRow, rows);
        }
        return new TabularData(Schema, columns);
    }
}
