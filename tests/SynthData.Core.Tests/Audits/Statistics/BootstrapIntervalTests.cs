using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Tests.Audits.Statistics;

public class BootstrapIntervalTests
{
    static double MeanDifference(double[] members, double[] nonMembers) => members.Average() - nonMembers.Average();

    static (double[] Members, double[] NonMembers) NormalSamples(int seed, int n)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed));
        return (Enumerable.Range(0, n).Select(_ => normal.Sample() + 1).ToArray(),
                Enumerable.Range(0, n).Select(_ => normal.Sample()).ToArray());
    }

    [Fact]
    public void MeanDifferenceIntervalHasTheNormalTheoryWidth()
    {
        var (members, nonMembers) = NormalSamples(5, 400);
        var interval = BootstrapInterval.Compute(members, nonMembers, MeanDifference, seed: 17);

        // For a difference of means the bootstrap distribution is close to normal with the plug-in
        // standard error. Monte Carlo error of each 2.5% endpoint with B = 1000 is about
        // sqrt(0.025*0.975/1000)/phi(1.96) ~ 0.085 SE, i.e. ~4% of the half-width, so 10% is ample.
        double se = Math.Sqrt(Variance(members) / members.Length + Variance(nonMembers) / nonMembers.Length);
        double expectedWidth = 2 * 1.959964 * se;
        Assert.InRange(interval.Upper - interval.Lower, 0.9 * expectedWidth, 1.1 * expectedWidth);
        Assert.Equal(MeanDifference(members, nonMembers), interval.Estimate, 12);
        Assert.InRange(interval.Estimate, interval.Lower, interval.Upper);
    }

    [Fact]
    public void SameSeedGivesTheSameIntervalAndAnotherSeedDiffers()
    {
        var (members, nonMembers) = NormalSamples(6, 100);
        var first = BootstrapInterval.Compute(members, nonMembers, RocAnalysis.Auc, seed: 1, resamples: 200);
        var again = BootstrapInterval.Compute(members, nonMembers, RocAnalysis.Auc, seed: 1, resamples: 200);
        var other = BootstrapInterval.Compute(members, nonMembers, RocAnalysis.Auc, seed: 2, resamples: 200);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    static double Variance(double[] values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }
}
