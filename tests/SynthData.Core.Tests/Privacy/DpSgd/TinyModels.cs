using SynthData.Core.Model;
using static TorchSharp.torch;

namespace SynthData.Core.Tests.Privacy.DpSgd;

/// <summary>Small random VAEs and encoded batches for the clipping tests.</summary>
static class TinyModels
{
    /// <summary>Two Gaussian blocks and two categorical blocks (widths 3 and 2): width 7.</summary>
    public static readonly EncodedLayout Layout = new([
        new EncodedBlock("x1", BlockKind.Gaussian, 0, 1),
        new EncodedBlock("c1", BlockKind.Categorical, 1, 3),
        new EncodedBlock("x2", BlockKind.Gaussian, 4, 1),
        new EncodedBlock("c2", BlockKind.Categorical, 5, 2),
    ]);

    public static TabularVae Model(long seed, ScalarType dtype = ScalarType.Float64) =>
        new(Layout, new VaeOptions { EncoderHidden = [16, 8], DecoderHidden = [8, 16], LatentDim = 4 }, seed, dtype);

    /// <summary>Rows of the layout: normal scores (scaled to vary gradient norms) and one-hot categories.</summary>
    public static float[] Rows(int rows, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var values = new float[rows * Layout.Width];
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * Layout.Width, Layout.Width);
            row[0] = (float)(scale * (random.NextDouble() * 4 - 2));
            row[1 + random.Next(3)] = 1;
            row[4] = (float)(scale * (random.NextDouble() * 4 - 2));
            row[5 + random.Next(2)] = 1;
        }
        return values;
    }

    public static Tensor Batch(float[] rows, ScalarType dtype = ScalarType.Float64) =>
        tensor(rows, [rows.Length / Layout.Width, Layout.Width]).to_type(dtype);
}
