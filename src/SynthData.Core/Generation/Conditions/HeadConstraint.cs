namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// A segment's condition on one head of the decoder, compiled against the encoded layout. Given the latent z the
/// heads are independent, so a row's importance weight is the product of its constraints' masses, and drawing
/// each constrained cell from its head restricted to the allowed values samples p(x | z, segment) exactly.
/// </summary>
/// <param name="column">The schema column the head encodes.</param>
/// <param name="offset">The head's first position in the encoded row.</param>
public abstract class HeadConstraint(string column, int offset)
{
    /// <summary>The schema column the head encodes.</summary>
    public string Column { get; } = column;
    /// <summary>The head's first position in the encoded row.</summary>
    public int Offset { get; } = offset;

    /// <summary>log P(condition | z) from the head's raw outputs (means, logits) for one row.</summary>
    public abstract double LogMass(ReadOnlySpan<float> heads, ReadOnlySpan<double> scaleByOffset);

    /// <summary>Replaces the head's raw outputs by a draw (Gaussian) or logits (categorical) restricted to the allowed values.</summary>
    public abstract void Restrict(Span<float> heads, ReadOnlySpan<double> scaleByOffset, Random random);
}

/// <summary>
/// A categorical head (labels, or a numeric column's present/missing indicator) restricted to some slots. The slot
/// decoding never samples is left out of the normaliser too, as <see cref="Tabular.Encoding.TableTransformer.Decode(float[], int, Random)"/> leaves it out.
/// </summary>
/// <param name="column">The schema column the head encodes.</param>
/// <param name="offset">The head's first position in the encoded row.</param>
/// <param name="allowed">Per slot, whether the condition admits it.</param>
/// <param name="neverSampled">The slot decoding never samples (left out of the normaliser), or -1.</param>
public sealed class CategoricalConstraint(string column, int offset, bool[] allowed, int neverSampled) : HeadConstraint(column, offset)
{
    /// <inheritdoc/>
    public override double LogMass(ReadOnlySpan<float> heads, ReadOnlySpan<double> scaleByOffset)
    {
        var logits = heads.Slice(Offset, allowed.Length);
        float max = float.NegativeInfinity;
        for (int s = 0; s < logits.Length; s++)
            if (s != neverSampled) max = Math.Max(max, logits[s]);
        double inside = 0, all = 0;
        for (int s = 0; s < logits.Length; s++)
        {
            if (s == neverSampled) continue;
            double e = Math.Exp(logits[s] - max);
            all += e;
            if (allowed[s]) inside += e;
        }
        return Math.Log(inside / all);
    }

    /// <summary>Disallowed logits become -infinity: the softmax that follows gives them probability 0.</summary>
    public override void Restrict(Span<float> heads, ReadOnlySpan<double> scaleByOffset, Random random)
    {
        var logits = heads.Slice(Offset, allowed.Length);
        for (int s = 0; s < logits.Length; s++)
            if (!allowed[s]) logits[s] = float.NegativeInfinity;
    }
}

/// <summary>
/// A Gaussian head (a numeric column's normal score) restricted to the scores [Low, High] whose decoded values satisfy
/// a range: the quantile transform and rounding are monotone, so a range of values is an interval of scores. The
/// float ends are the outermost float32 scores inside, so the stored draw decodes inside the range.
/// </summary>
/// <param name="column">The schema column the head encodes.</param>
/// <param name="offset">The head's position in the encoded row.</param>
/// <param name="low">Lowest allowed score.</param>
/// <param name="high">Highest allowed score.</param>
public sealed class GaussianRangeConstraint(string column, int offset, float low, float high) : HeadConstraint(column, offset)
{
    /// <summary>Lowest normal score whose decoded value meets the range.</summary>
    public float Low { get; } = low;
    /// <summary>Highest normal score whose decoded value meets the range.</summary>
    public float High { get; } = high;

    /// <inheritdoc/>
    public override double LogMass(ReadOnlySpan<float> heads, ReadOnlySpan<double> scaleByOffset)
    {
        double mean = heads[Offset], scale = scaleByOffset[Offset];
        return TruncatedNormal.LogMass((Low - mean) / scale, (High - mean) / scale);
    }

    /// <summary>Draws the score from the head's Gaussian truncated to [Low, High].</summary>
    public override void Restrict(Span<float> heads, ReadOnlySpan<double> scaleByOffset, Random random)
    {
        double mean = heads[Offset], scale = scaleByOffset[Offset];
        double x = TruncatedNormal.Sample((Low - mean) / scale, (High - mean) / scale, random.NextDouble());
        heads[Offset] = Math.Clamp((float)(mean + scale * x), Low, High);
    }
}
