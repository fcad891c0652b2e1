using SynthData.Core.Privacy.DpSgd;
using SynthData.Core.Privacy.Mechanisms;
using Xunit;
using static TorchSharp.torch;

namespace SynthData.Core.Tests.Privacy.DpSgd;

public sealed class GaussianGradientNoiseTests
{
    [Theory]
    [InlineData(0.8, 1.0, false)]
    [InlineData(2.5, 0.3, false)]
    [InlineData(1.3, 0.7, true)]
    public void The_added_noise_has_standard_deviation_sigma_times_C(double sigma, double maxNorm, bool cryptographic)
    {
        INoiseSource source = cryptographic ? new CryptographicNoiseSource() : new SeededNoiseSource(42);
        using var scope = NewDisposeScope();
        // A clipped sum of known value; the noise is what the mechanism adds to it.
        var clean = new[] { full(new long[] { 300, 200 }, 0.7, ScalarType.Float64), full(new long[] { 40_000 }, -1.5, ScalarType.Float64) };
        var noisy = clean.Select(t => t.clone()).ToArray();
        var mechanism = new GaussianGradientNoise(source);
        mechanism.AddInPlace(noisy, sigma, maxNorm);
        var added = cat(noisy.Zip(clean, (n, c) => (n - c).flatten()).ToArray());
        long n = added.numel();
        double std = added.std().item<double>();
        double mean = added.mean().item<double>();
        // For n normal draws the sample std has standard error ~ s / sqrt(2 n) and the mean ~ s / sqrt(n);
        // 5 standard errors make a false failure (for this fixed seed, or any) practically impossible.
        double expected = sigma * maxNorm;
        Assert.InRange(std, expected * (1 - 5 / Math.Sqrt(2.0 * n)), expected * (1 + 5 / Math.Sqrt(2.0 * n)));
        Assert.InRange(mean, -5 * expected / Math.Sqrt(n), 5 * expected / Math.Sqrt(n));
    }

    [Fact]
    public void Seeded_noise_is_reproducible_and_cryptographic_noise_is_not()
    {
        using var scope = NewDisposeScope();
        double[] Draw(INoiseSource source)
        {
            var t = zeros(1000, dtype: ScalarType.Float64);
            var mechanism = new GaussianGradientNoise(source);
            mechanism.AddInPlace([t], 1, 1);
            return t.data<double>().ToArray();
        }
        Assert.Equal(Draw(new SeededNoiseSource(5)), Draw(new SeededNoiseSource(5)));
        Assert.NotEqual(Draw(new CryptographicNoiseSource()), Draw(new CryptographicNoiseSource()));
    }
}
