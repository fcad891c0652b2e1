using SynthData.Core.Privacy.Mechanisms;
using static TorchSharp.torch;

namespace SynthData.Core.Privacy.DpSgd;

/// <summary>
/// Adds N(0, (sigma C)^2) to every entry of the clipped gradient sum: the Gaussian mechanism on a sum
/// whose L2 sensitivity under adding or removing a row is C. Draws come from an <see cref="INoiseSource"/>
/// (seeded, or cryptographic in secure mode), never from TorchSharp's generator.
/// </summary>
public static class GaussianGradientNoise
{
    public static void AddInPlace(IReadOnlyList<Tensor> sums, double noiseMultiplier, double maxNorm, INoiseSource noise)
    {
        double std = noiseMultiplier * maxNorm;
        using var _ = no_grad();
        foreach (var sum in sums)
        {
            var draws = new double[sum.numel()];
            noise.FillStandardNormal(draws);
            using var noiseTensor = tensor(draws, sum.shape).to_type(sum.dtype);
            sum.add_(noiseTensor, alpha: std);
        }
    }
}
