using SynthData.Core.Privacy.DpSgd;
using SynthData.Core.Privacy.Randomness;
using Xunit;

namespace SynthData.Core.Tests.Privacy.DpSgd;

public sealed class PoissonSamplerTests
{
    [Fact]
    public void Batch_sizes_are_binomial_and_rows_are_included_independently()
    {
        const int rows = 1000, batches = 4000;
        const double q = 0.05;
        var sampler = new PoissonSampler(rows, q, new Random(3));
        var sizes = new double[batches];
        var inclusion = new int[rows];
        int bothZeroAndOne = 0;
        for (int b = 0; b < batches; b++)
        {
            var batch = sampler.NextBatch();
            Assert.True(batch.Zip(batch.Skip(1)).All(p => p.First < p.Second));
            sizes[b] = batch.Length;
            foreach (int i in batch) inclusion[i]++;
            if (batch.Length > 1 && batch[0] == 0 && batch[1] == 1) bothZeroAndOne++;
        }
        // Batch size ~ Binomial(N, q): mean qN = 50, variance qN(1-q) = 47.5. The mean of 4,000 batches has
        // standard error sqrt(47.5 / 4000) = 0.109; allow 5 of them. The sample variance has relative
        // standard error about sqrt(2 / 4000) = 2.2%; allow 5 of them (11%).
        double mean = sizes.Average();
        double variance = sizes.Sum(s => (s - mean) * (s - mean)) / (batches - 1);
        Assert.InRange(mean, 50 - 5 * 0.109, 50 + 5 * 0.109);
        Assert.InRange(variance, 47.5 * 0.89, 47.5 * 1.11);
        // Each row's count ~ Binomial(4000, q): mean 200, sd 13.8; the extremes of 1,000 rows stay within 5 sd.
        Assert.InRange(inclusion.Min(), 200 - 5 * 13.8, 200);
        Assert.InRange(inclusion.Max(), 200, 200 + 5 * 13.8);
        // Rows 0 and 1 together: q^2 = 0.0025 of batches (10 of 4,000, Poisson sd 3.2) if independent.
        Assert.InRange(bothZeroAndOne, 0, 10 + 5 * 3.2);
        Assert.True(bothZeroAndOne > 0);
    }

    [Fact]
    public void The_same_stream_gives_the_same_batches_and_rate_one_takes_everything()
    {
        var a = new PoissonSampler(500, 0.1, new Random(9));
        var b = new PoissonSampler(500, 0.1, new Random(9));
        for (int i = 0; i < 20; i++) Assert.Equal(a.NextBatch(), b.NextBatch());
        Assert.Equal(Enumerable.Range(0, 7), new PoissonSampler(7, 1.0, new Random(1)).NextBatch());
    }

    /// <summary>A secret stream: two samplers over the cryptographic generator draw different batches (probability of
    /// 20 equal batches of Bin(500, 0.1) rows by chance is far below 1e-100).</summary>
    [Fact]
    public void A_cryptographic_stream_is_not_replayable()
    {
        var a = new PoissonSampler(500, 0.1, RunRandomness.Secure().Random("batches"));
        var b = new PoissonSampler(500, 0.1, RunRandomness.Secure().Random("batches"));
        Assert.NotEqual(Enumerable.Range(0, 20).SelectMany(_ => a.NextBatch()), Enumerable.Range(0, 20).SelectMany(_ => b.NextBatch()));
    }
}
