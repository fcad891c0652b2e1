using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Pld;
using SynthData.Core.Privacy.Accounting.Rdp;

namespace SynthData.Core.Tests.Privacy.Accounting;

public class CompositionTests
{
    private static readonly PrivacyEvent DpSgd = NoiseCalibrator.TrainingEvent(0.01, 1.1, 1000);

    private static readonly ComposedEvent Heterogeneous =
        new([new GaussianEvent(5.0), DpSgd, new ThresholdEvent(1e-6), new GaussianEvent(8.0)]);

    [Fact]
    public void RdpOfHeterogeneousCompositionIsTheSumByHand()
    {
        // By hand: RDP adds over composition; Gaussians give alpha/(2 sigma^2); thresholds carry no RDP.
        var accountant = new RdpAccountant([2, 8, 32]);
        var total = accountant.ComputeRdp(Heterogeneous);
        var sgd = accountant.ComputeRdp(DpSgd);
        double[] orders = [2, 8, 32];
        for (int i = 0; i < orders.Length; i++)
            Assert.Equal(sgd[i] + orders[i] / 50.0 + orders[i] / 128.0, total[i], 1e-9);
    }

    [Fact]
    public void PldOfHeterogeneousCompositionIsTheHandBuiltEquivalent()
    {
        // By hand: the two Gaussians are one Gaussian with 1/sigma^2 = 1/25 + 1/64, and the threshold's delta
        // is added on top (it composes additively), so delta(eps) must match that event plus 1e-6.
        var pld = new PldAccountant(estimateError: false);
        var byHand = new ComposedEvent([new GaussianEvent(1 / Math.Sqrt(1 / 25.0 + 1 / 64.0)), DpSgd]);
        Assert.Equal(pld.GetDelta(byHand, 1.5) + 1e-6, pld.GetDelta(Heterogeneous, 1.5), 1e-12);
        Assert.Equal(pld.GetEpsilon(byHand, 9e-6).Epsilon, pld.GetEpsilon(Heterogeneous, 1e-5).Epsilon, 1e-9);
    }

    [Fact]
    public void BestOfQuotesTheSmallerAndKeepsBoth()
    {
        var report = new BestOfAccountants().Report(Heterogeneous, 1e-5);
        Assert.Equal(BestOfAccountants.AccountantName, report.Best.Accountant);
        Assert.Equal("pld", report.Tight.Accountant);
        Assert.Equal("rdp", report.Rdp.Accountant);
        Assert.True(report.Tight.Epsilon <= report.Rdp.Epsilon);
        Assert.Equal(Math.Min(report.Rdp.Epsilon, report.Tight.Epsilon), report.Best.Epsilon);
        Assert.True(report.Tight.EpsilonError >= 0 && report.Tight.EpsilonError < 1e-2);
    }

    [Fact]
    public void ExactGaussianAccountantRefusesSampledEvents()
    {
        Assert.Throws<NotSupportedException>(() => new ExactGaussianAccountant().GetEpsilon(DpSgd, 1e-5));
        var two = new ComposedEvent([new GaussianEvent(3), new GaussianEvent(4)]);
        // 1/3^2 + 1/4^2 = 1/2.4^2: two Gaussians are one of sigma 2.4.
        Assert.Equal(ExactGaussian.Epsilon(2.4, 1, 1e-5), new ExactGaussianAccountant().GetEpsilon(two, 1e-5).Epsilon, 1e-9);
    }
}
