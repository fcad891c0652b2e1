namespace SynthData.Core.Model;

/// <summary>Softmax over the categorical blocks of decoded rows: the second half of sampling from a <see cref="TabularVae"/>.</summary>
public static class BlockSoftmax
{
    /// <summary>
    /// Each categorical block's logits (rows x width, row-major) replaced by their softmax, in managed code
    /// (torch's softmax over a narrow column slice of a wide tensor is strided and was most of the sampling time). Row ranges run in parallel; each row is
    /// computed alone, so the split does not change the result.
    /// </summary>
    public static void InPlace(float[] buffer, int rows, int width, IReadOnlyList<(int Offset, int Width)> blocks)
    {
        if (buffer.Length < (long)rows * width) throw new ArgumentException("The buffer is too small.", nameof(buffer));
        if (blocks.Count == 0 || rows == 0) return;
        int parts = Math.Min(Environment.ProcessorCount, Math.Max(1, rows / 4096));
        Parallel.For(0, parts, part =>
        {
            int from = (int)((long)rows * part / parts), to = (int)((long)rows * (part + 1) / parts);
            for (int r = from; r < to; r++)
            {
                var row = buffer.AsSpan(r * width, width);
                foreach (var (offset, size) in blocks) Softmax(row.Slice(offset, size));
            }
        });
    }

    static void Softmax(Span<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits) max = Math.Max(max, l);
        float sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += logits[i] = MathF.Exp(logits[i] - max);
        float inverse = 1 / sum;
        for (int i = 0; i < logits.Length; i++) logits[i] *= inverse;
    }
}
