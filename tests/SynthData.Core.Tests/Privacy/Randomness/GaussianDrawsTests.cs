using MathNet.Numerics.Distributions;
using SynthData.Core.Privacy.Randomness;

namespace SynthData.Core.Tests.Privacy.Randomness;

public sealed class GaussianDrawsTests
{
    /// <summary>Replays a fixed list of words, then zeros: lets a test reach the generator's extreme inputs.</summary>
    sealed class ScriptedBits(params ulong[] words) : IRandomBits
    {
        int _next;
        public bool IsCryptographic => false;
        public ulong NextUInt64() => _next < words.Length ? words[_next++] : 0;
    }

    /// <summary>
    /// The tail mass beyond 6 sigma is P(radius &gt; 6 / |cos theta|) averaged over the angle, and the radius exceeds r
    /// exactly when u1 &lt; exp(-r^2/2) (about 1.5e-8 at r = 6). So the tail is the Gaussian's if and only if the
    /// uniform puts mass t below every such t. Here that is checked at the generator's own inputs: a word with k
    /// leading zero bits gives u1 in [2^-(k+1), 2^-k), an event of probability 2^-(k+1) for fresh words, so
    /// P(u1 &lt; 2^-k) = 2^-k for every k (and within a binade the 52 mantissa bits are uniform). A 24-bit uniform
    /// (torch's float32 Box-Muller) cannot go below 2^-24 = 6e-8 and never draws beyond 5.77 sigma; a 53-bit
    /// fixed-point uniform stops at 8.57 sigma.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(63)]
    [InlineData(200)]
    public void Uniforms_reach_every_binade_so_the_radius_has_the_gaussian_tail(int leadingZeros)
    {
        var words = new List<ulong>();
        for (int i = 0; i < leadingZeros / 64; i++) words.Add(0);
        words.Add(1UL << (63 - leadingZeros % 64));
        words.Add(0); // mantissa 0: the binade's lower end
        double u = GaussianDraws.OpenUniform(new ScriptedBits(words.ToArray()));
        Assert.Equal(Math.Pow(2, -(leadingZeros + 1)), u);
        // The radius this u1 gives: for 200 leading zeros about 16.6 sigma, far past any float32 or 53-bit cut.
        double radius = Math.Sqrt(-2 * Math.Log(u));
        Assert.Equal(Math.Sqrt(2 * (leadingZeros + 1) * Math.Log(2)), radius, 12);
    }

    /// <summary>
    /// Empirical tails of 2^23 cryptographic draws against the exact normal tail, at 3, 4 and 5 sigma: the count beyond t
    /// is Binomial(n, 2 Phi(-t)); allow 5 standard deviations plus 1 (for the smallest expected count, about 48).
    /// With these draws, the frequency of u1 below 2^-20 (expected 8 per 2^23) is also checked the same way.
    /// </summary>
    [Fact]
    public void Cryptographic_draws_follow_the_normal_tails()
    {
        const int n = 1 << 23;
        var draws = new double[n];
        GaussianDraws.FillStandardNormal(new CryptographicBits(), draws);
        foreach (double t in new[] { 3.0, 4.0, 5.0 })
        {
            double p = 2 * Normal.CDF(0, 1, -t);
            long count = draws.LongCount(x => Math.Abs(x) > t);
            double sd = Math.Sqrt(n * p * (1 - p));
            Assert.InRange(count, n * p - 5 * sd - 1, n * p + 5 * sd + 1);
        }
        double mean = draws.Average(), variance = draws.Select(x => x * x).Average() - mean * mean;
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / n), 1 + 5 * Math.Sqrt(2.0 / n));

        var bits = new CryptographicBits();
        long small = 0;
        for (int i = 0; i < n; i++) if (GaussianDraws.OpenUniform(bits) < Math.Pow(2, -20)) small++;
        double expected = n * Math.Pow(2, -20);
        Assert.InRange(small, expected - 5 * Math.Sqrt(expected) - 1, expected + 5 * Math.Sqrt(expected) + 1);
    }

    [Fact]
    public void Seeded_bits_replay_and_cryptographic_bits_do_not()
    {
        var a = new SeededBits(9);
        var b = new SeededBits(9);
        Assert.Equal(Enumerable.Range(0, 100).Select(_ => a.NextUInt64()), Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        var c = new CryptographicBits();
        var d = new CryptographicBits();
        Assert.NotEqual(Enumerable.Range(0, 100).Select(_ => c.NextUInt64()), Enumerable.Range(0, 100).Select(_ => d.NextUInt64()));
        Assert.True(c.IsCryptographic);
        Assert.False(a.IsCryptographic);
    }

    /// <summary>BitsRandom overrides every draw Random offers, so none falls back to Random's own seeded state.</summary>
    [Fact]
    public void BitsRandom_draws_only_from_its_stream()
    {
        var x = new BitsRandom(new SeededBits(3));
        var y = new BitsRandom(new SeededBits(3));
        Assert.Equal(x.NextDouble(), y.NextDouble());
        Assert.Equal(x.Next(17), y.Next(17));
        Assert.Equal(x.NextInt64(5, 1_000_000_000_000), y.NextInt64(5, 1_000_000_000_000));
        var order = Enumerable.Range(0, 50).ToArray();
        var again = order.ToArray();
        x.Shuffle(order);
        y.Shuffle(again);
        Assert.Equal(order, again);
        // Uniform over [0, 10): each value's count out of 100,000 is Bin(1e5, 0.1), sd 95.
        var counts = new int[10];
        for (int i = 0; i < 100_000; i++) counts[x.Next(10)]++;
        Assert.All(counts, k => Assert.InRange(k, 10_000 - 5 * 95, 10_000 + 5 * 95));
    }
}
