using SynthData.Core.Model;
using static TorchSharp.torch;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// Exact conditional sampling by importance resampling of latents. Given z the decoder's heads are independent, so
/// p(z | segment) is proportional to p(z) times the product of the constrained heads' masses: latents are drawn from
/// the prior in blocks, weighted by that product, and resampled systematically; each chosen latent is decoded again
/// and its constrained cells are drawn from their heads truncated to the condition (every row meets every condition),
/// the other cells as in unconditional generation. The rows follow the model's conditional distribution exactly as
/// the block grows. This is post-processing of the released model: it reads no private row and spends no privacy budget.
/// <para>
/// A block of draws yields at most half its effective sample size in rows, so resampled latents repeat little. When
/// the ESS of a block is below <see cref="MinEffectiveSampleSize"/> the block is doubled with fresh draws, up to
/// <see cref="MaxDrawsPerBlock"/>; a segment still below it is refused rather than emitted from a handful of latents.
/// Memory is one block's latents and weights (at most 2^19 draws), whatever the row count.
/// </para>
/// </summary>
internal sealed class SegmentSampler : IDisposable
{
    public const double MinEffectiveSampleSize = 50;
    public const int MinDrawsPerBlock = 16_384, MaxDrawsPerBlock = 1 << 19;
    const int ForwardBatch = 16_384;
    const double EmitFraction = 0.5;

    readonly TabularVae _vae;
    readonly IReadOnlyList<SegmentStratum> _strata;
    readonly StratumState[] _states;
    readonly Generator _latentGenerator;
    readonly Random _random;
    readonly double[] _scaleByOffset;
    readonly int[] _freeGaussianOffsets;   // Gaussian heads per stratum left unconstrained get the usual noise
    readonly float[] _heads;
    readonly int _latentDim, _width;

    public SegmentStatistics Statistics { get; } = new();

    sealed class StratumState
    {
        public int DrawsPerBlock = MinDrawsPerBlock;
        public float[] Latents = [];
        public double[] LogWeights = [], Weights = [];
        public int[] Selected = [];
        public int SelectedCount, NextSelected;
        public int[] FreeGaussian = [];
    }

    public SegmentSampler(TabularVae vae, IReadOnlyList<SegmentStratum> strata, int seed)
    {
        _vae = vae;
        _strata = strata;
        _latentDim = vae.Options.LatentDim;
        _width = vae.Width;
        _latentGenerator = new Generator((ulong)DerivedSeed.For(seed, "segment-latent"));
        _random = new Random(DerivedSeed.For(seed, "segment-cells"));
        _scaleByOffset = vae.GaussianScalesByOffset();
        _freeGaussianOffsets = vae.Layout.Blocks.Where(b => b.Kind == BlockKind.Gaussian).Select(b => b.Offset).ToArray();
        _heads = new float[ForwardBatch * _width];
        _states = strata.Select(s => new StratumState
        {
            FreeGaussian = _freeGaussianOffsets.Where(o => !s.Constraints.Any(c => c is GaussianRangeConstraint && c.Offset == o)).ToArray(),
        }).ToArray();
    }

    /// <summary>The rows of each stratum among the first <paramref name="total"/> rows: floor(total x cumulative share) differences, so shares hold to within a row.</summary>
    public long[] RowsPerStratum(long total)
    {
        var counts = new long[_strata.Count];
        double cumulative = 0;
        long before = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            cumulative += _strata[i].Share;
            long upTo = i == counts.Length - 1 ? total : (long)Math.Floor(total * Math.Min(1, cumulative) + 1e-9);
            counts[i] = upTo - before;
            before = upTo;
        }
        return counts;
    }

    /// <summary>
    /// Fills a chunk of <paramref name="rows"/> rows, starting at overall row <paramref name="firstRow"/>, into
    /// <paramref name="destination"/> (rows x Width): Gaussian blocks sampled, categorical blocks as logits (apply
    /// <see cref="TabularVae.LogitsToProbabilities"/> next). Strata are interleaved at random positions.
    /// </summary>
    public void FillChunk(long firstRow, int rows, float[] destination)
    {
        var before = RowsPerStratum(firstRow);
        var after = RowsPerStratum(firstRow + rows);
        var positions = new int[rows];
        for (int i = 0; i < rows; i++) positions[i] = i;
        _random.Shuffle(positions);
        int next = 0;
        for (int s = 0; s < _strata.Count; s++)
        {
            int count = (int)(after[s] - before[s]);
            Fill(s, positions.AsSpan(next, count), destination);
            next += count;
        }
        Statistics.AddRows(rows);
    }

    void Fill(int stratum, ReadOnlySpan<int> positions, float[] destination)
    {
        var state = _states[stratum];
        var constraints = _strata[stratum].Constraints;
        var latents = new float[Math.Min(positions.Length, ForwardBatch) * _latentDim];
        for (int done = 0; done < positions.Length;)
        {
            // Gather up to a forward batch of resampled latents (drawing new blocks as they run out), decode them again.
            int batch = 0;
            while (batch < latents.Length / _latentDim && done + batch < positions.Length)
            {
                if (state.NextSelected == state.SelectedCount) DrawBlock(state, constraints);
                int index = state.Selected[state.NextSelected++];
                state.Latents.AsSpan(index * _latentDim, _latentDim).CopyTo(latents.AsSpan(batch * _latentDim));
                batch++;
            }
            _vae.DecodeLatents(latents, batch, _heads);
            for (int r = 0; r < batch; r++)
            {
                var heads = _heads.AsSpan(r * _width, _width);
                foreach (int offset in state.FreeGaussian) heads[offset] = (float)(heads[offset] + _scaleByOffset[offset] * StandardNormal());
                foreach (var constraint in constraints) constraint.Restrict(heads, _scaleByOffset, _random);
                heads.CopyTo(destination.AsSpan(positions[done + r] * _width, _width));
            }
            done += batch;
        }
    }

    /// <summary>Draws a block from the prior, weighs it, grows it while its ESS is too low, and resamples it.</summary>
    void DrawBlock(StratumState state, IReadOnlyList<HeadConstraint> constraints)
    {
        int drawn = 0, size = state.DrawsPerBlock;
        double ess;
        while (true)
        {
            if (state.Latents.Length < size * _latentDim)
            {
                Array.Resize(ref state.Latents, size * _latentDim);
                Array.Resize(ref state.LogWeights, size);
                Array.Resize(ref state.Weights, size);
                Array.Resize(ref state.Selected, size);
            }
            for (; drawn < size; drawn += ForwardBatch)
            {
                int batch = Math.Min(ForwardBatch, size - drawn);
                _vae.DecodePrior(batch, _latentGenerator, state.Latents.AsSpan(drawn * _latentDim, batch * _latentDim), _heads);
                for (int r = 0; r < batch; r++)
                {
                    double logWeight = 0;
                    var heads = _heads.AsSpan(r * _width, _width);
                    foreach (var constraint in constraints) logWeight += constraint.LogMass(heads, _scaleByOffset);
                    state.LogWeights[drawn + r] = logWeight;
                }
            }
            ess = ToWeights(state.LogWeights.AsSpan(0, size), state.Weights.AsSpan(0, size));
            if (ess >= MinEffectiveSampleSize) break;
            if (size >= MaxDrawsPerBlock)
                throw new SegmentTooRareException(
                    $"the segment is too rare for the model to sample reliably: {size:N0} latent draws gave an effective sample size of {ess:F1}, " +
                    $"below {MinEffectiveSampleSize:N0}. Loosen the conditions, or check that the model can produce this combination.");
            size *= 2;
            state.DrawsPerBlock = size;
        }
        int k = Math.Max(1, (int)Math.Floor(ess * EmitFraction));
        SystematicResampling.Select(state.Weights.AsSpan(0, size), k, _random.NextDouble(), state.Selected);
        state.SelectedCount = k;
        state.NextSelected = 0;
        Statistics.AddBlock(size, ess);
    }

    /// <summary>Log weights to weights scaled by the largest (the ESS does not depend on scale); returns the ESS (0 if no mass).</summary>
    static double ToWeights(ReadOnlySpan<double> logWeights, Span<double> weights)
    {
        double max = double.NegativeInfinity;
        foreach (double l in logWeights) if (l > max) max = l;
        if (double.IsNegativeInfinity(max) || double.IsNaN(max))
        {
            weights.Clear();
            return 0;
        }
        for (int i = 0; i < logWeights.Length; i++) weights[i] = double.IsNaN(logWeights[i]) ? 0 : Math.Exp(logWeights[i] - max);
        return SystematicResampling.EffectiveSampleSize(weights);
    }

    /// <summary>Box-Muller from the cell generator.</summary>
    double StandardNormal()
    {
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public void Dispose() => _latentGenerator.Dispose();
}
