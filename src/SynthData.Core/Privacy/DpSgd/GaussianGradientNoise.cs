using SynthData.Core.Privacy.Mechanisms;
using static TorchSharp.torch;

namespace SynthData.Core.Privacy.DpSgd;

/// <summary>
/// Adds N(0, (sigma C)^2) to every entry of the clipped gradient sum: the Gaussian mechanism on a sum
/// whose L2 sensitivity under adding or removing a row is C. A seeded source is turned into a seeded
/// TorchSharp generator (vectorised: the noise of a step costs well under a millisecond); a
/// cryptographic source is drawn from entry by entry, as secure mode requires.
/// </summary>
public sealed class GaussianGradientNoise : IDisposable
{
    readonly INoiseSource _source;
    readonly Generator? _generator;

    public GaussianGradientNoise(INoiseSource source)
    {
        _source = source;
        if (source is SeededNoiseSource seeded) _generator = new Generator((ulong)seeded.Seed);
    }

    public void AddInPlace(IReadOnlyList<Tensor> sums, double noiseMultiplier, double maxNorm)
    {
        double std = noiseMultiplier * maxNorm;
        using var _ = no_grad();
        foreach (var sum in sums)
        {
            if (_generator is not null)
            {
                using var draws = randn(sum.shape, dtype: sum.dtype, generator: _generator);
                sum.add_(draws, alpha: std);
                continue;
            }
            var values = new double[sum.numel()];
            _source.FillStandardNormal(values);
            using var noise = tensor(values, sum.shape);
            using var typed = noise.to_type(sum.dtype);
            sum.add_(typed, alpha: std);
        }
    }

    public void Dispose() => _generator?.Dispose();
}
