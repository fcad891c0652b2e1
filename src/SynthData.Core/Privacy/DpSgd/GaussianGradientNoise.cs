using SynthData.Core.Privacy.Mechanisms;
using static TorchSharp.torch;

namespace SynthData.Core.Privacy.DpSgd;

/// <summary>
/// Adds N(0, (sigma C)^2) to every entry of the clipped gradient sum: the Gaussian mechanism on a sum
/// whose L2 sensitivity under adding or removing a row is C. The draws are float64 from the run's noise
/// source (cryptographic in every private run), with the Gaussian's tails; torch's own randn is float32
/// Box-Muller on 24-bit uniforms and never draws beyond 5.77 sigma, so it is not used here.
/// </summary>
public sealed class GaussianGradientNoise(INoiseSource source)
{
    double[] _buffer = [];

    /// <summary>Adds N(0, (sigma C)^2) noise, with sigma = <paramref name="noiseMultiplier"/> and C = <paramref name="maxNorm"/>, to every entry of every summed gradient.</summary>
    public void AddInPlace(IReadOnlyList<Tensor> sums, double noiseMultiplier, double maxNorm)
    {
        double std = noiseMultiplier * maxNorm;
        using var _ = no_grad();
        foreach (var sum in sums)
        {
            int count = checked((int)sum.numel());
            if (_buffer.Length < count) _buffer = new double[count];
            var draws = _buffer.AsSpan(0, count);
            source.FillStandardNormal(draws);
            for (int i = 0; i < draws.Length; i++) draws[i] *= std;
            // Scaled in float64, then rounded once to the gradient's type.
            using var noise = tensor(draws.ToArray(), sum.shape, dtype: ScalarType.Float64);
            using var typed = noise.to_type(sum.dtype);
            sum.add_(typed);
        }
    }
}
