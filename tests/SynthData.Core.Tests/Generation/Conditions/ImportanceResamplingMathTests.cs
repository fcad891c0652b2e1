using SynthData.Core.Generation.Conditions;
using Xunit;

namespace SynthData.Core.Tests.Generation.Conditions;

/// <summary>The two numerical pieces of conditional sampling: truncated normal masses and draws, and systematic resampling.</summary>
public sealed class ImportanceResamplingMathTests
{
    [Theory]
    [InlineData(-1, 1, 0.682689492137086)]
    [InlineData(double.NegativeInfinity, 0, 0.5)]
    [InlineData(1.5, double.PositiveInfinity, 0.0668072012688581)]
    [InlineData(8, double.PositiveInfinity, 6.22096057427178e-16)] // the upper tail, mirrored: no cancellation against 1
    public void Log_mass_matches_the_normal_distribution(double a, double b, double mass) =>
        Assert.Equal(Math.Log(mass), TruncatedNormal.LogMass(a, b), 5);

    [Fact]
    public void Log_mass_stays_finite_where_phi_underflows()
    {
        double far = TruncatedNormal.LogMass(40, double.PositiveInfinity);
        Assert.True(double.IsFinite(far));
        Assert.InRange(far, -0.5 * 1600 - Math.Log(40 * Math.Sqrt(2 * Math.PI)) - 0.01, -0.5 * 1600 - Math.Log(40 * Math.Sqrt(2 * Math.PI)) + 0.01);
    }

    [Theory]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(-0.5, 0.25)]
    [InlineData(3, 4)]
    [InlineData(45, 46)]   // beyond double precision of Phi: the exponential tail approximation
    [InlineData(-46, -45)]
    public void Draws_stay_inside_the_interval(double a, double b)
    {
        var random = new Random(1);
        for (int i = 0; i < 2_000; i++) Assert.InRange(TruncatedNormal.Sample(a, b, random.NextDouble()), a, b);
    }

    [Fact]
    public void The_half_normal_mean_is_sqrt_2_over_pi_within_sampling_error()
    {
        var random = new Random(2);
        const int n = 20_000;
        double mean = Enumerable.Range(0, n).Average(_ => TruncatedNormal.Sample(0, double.PositiveInfinity, random.NextDouble()));
        // The half-normal's sd is sqrt(1 - 2/pi) = 0.603; 4 standard errors: 4 * 0.603 / sqrt(20000) = 0.017.
        Assert.InRange(mean, Math.Sqrt(2 / Math.PI) - 0.017, Math.Sqrt(2 / Math.PI) + 0.017);
    }

    [Fact]
    public void Systematic_resampling_gives_each_index_the_floor_or_ceiling_of_its_expected_count()
    {
        double[] weights = [0.5, 0, 2.25, 1, 0.25, 4];
        const int k = 40;
        var indices = new int[k];
        SystematicResampling.Select(weights, k, 0.37, indices);
        double total = weights.Sum();
        for (int i = 0; i < weights.Length; i++)
        {
            double expected = k * weights[i] / total;
            Assert.InRange(indices.Count(x => x == i), Math.Floor(expected), Math.Ceiling(expected));
        }
        Assert.Equal(indices.Order(), indices);
    }

    [Fact]
    public void The_effective_sample_size_is_kish_s()
    {
        Assert.Equal(4, SystematicResampling.EffectiveSampleSize([1, 1, 1, 1]), 12);
        Assert.Equal(1, SystematicResampling.EffectiveSampleSize([0, 3, 0]), 12);
        Assert.Equal(25.0 / 13, SystematicResampling.EffectiveSampleSize([2, 3]), 12);
    }
}
