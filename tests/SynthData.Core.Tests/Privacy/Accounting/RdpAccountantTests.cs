using SynthData.Core;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Rdp;

namespace SynthData.Core.Tests.Privacy.Accounting;

public class RdpAccountantTests
{
    private static PrivacyEvent DpSgd(double q, double sigma, long steps) =>
        new SelfComposedEvent(new PoissonSampledEvent(q, new GaussianEvent(sigma)), steps);

    private static void AssertSignificantDigits(double expected, double actual, int digits)
    {
        double tolerance = 0.5 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))) - digits + 1);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected} to {digits} significant digits, got {actual}");
    }

    [Fact]
    public void MatchesOpacusPublishedValue()
    {
        // Source: opacus tests/accountants_test.py (q 0.04, sigma 1.5, 2250 steps, delta 1e-5, Opacus orders).
        var eps = new RdpAccountant(RdpOrders.Opacus).GetEpsilon(DpSgd(0.04, 1.5, 2250), 1e-5).Epsilon;
        AssertSignificantDigits(7.32911117143, eps, 3);
    }

    [Theory]
    // Source: tensorflow/privacy compute_dp_sgd_privacy_test.py (TF orders).
    [InlineData(150.0 / 60000, 1.3, 6000, 1e-5, 0.7242234026109595)]
    [InlineData(100.0 / 100000, 1.0, 30000, 1e-7, 1.4154988495444842)]
    public void MatchesTensorFlowPrivacyPublishedValues(double q, double sigma, long steps, double delta, double expected)
    {
        var eps = new RdpAccountant(RdpOrders.TensorFlow).GetEpsilon(DpSgd(q, sigma, steps), delta).Epsilon;
        AssertSignificantDigits(expected, eps, 3);
    }

    [Fact]
    public void MatchesDpAccountingPublishedValueWithDefaultOrders()
    {
        // Source: dp_accounting / TF Privacy test (q 0.01, sigma 0.7, 120 steps, delta 1e-5): RDP 3.2392676.
        var eps = new RdpAccountant().GetEpsilon(DpSgd(0.01, 0.7, 120), 1e-5).Epsilon;
        AssertSignificantDigits(3.2392676, eps, 3);
    }

    [Fact]
    public void UnsampledGaussianHasClosedFormRdp()
    {
        // Mironov 2017: the Gaussian mechanism has RDP alpha / (2 sigma^2); T steps add up.
        var rdp = new RdpAccountant([2, 10.5]).ComputeRdp(new SelfComposedEvent(new GaussianEvent(2), 3));
        Assert.Equal(3 * 2 / 8.0, rdp[0], 12);
        Assert.Equal(3 * 10.5 / 8.0, rdp[1], 12);
    }

    [Fact]
    public void FractionalOrdersSitBetweenNeighbouringIntegerOrders()
    {
        // RDP is non-decreasing in the order (van Erven and Harremoes 2014), so a fractional order's value
        // must lie between its integer neighbours; a sign or series error in the fractional formula breaks this.
        var rdp = new RdpAccountant([3, 3.5, 4]).ComputeRdp(DpSgd(0.01, 0.8, 1));
        Assert.InRange(rdp[1], rdp[0], rdp[2]);
    }

    [Fact]
    public void ThresholdDeltaIsSetAsideBeforeConversion()
    {
        var accountant = new RdpAccountant();
        var dpSgd = DpSgd(0.01, 1.0, 1000);
        var withThreshold = new ComposedEvent([dpSgd, new ThresholdEvent(4e-6)]);
        Assert.Equal(accountant.GetEpsilon(dpSgd, 6e-6).Epsilon, accountant.GetEpsilon(withThreshold, 1e-5).Epsilon, 12);
    }

    [Fact]
    public void ThresholdDeltaThatExhaustsTheTargetThrowsClearly()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            new RdpAccountant().GetEpsilon(new ComposedEvent([new GaussianEvent(1), new ThresholdEvent(1e-5)]), 1e-5));
        Assert.Contains("leaves nothing of the target delta", ex.Message);
    }

    [Fact]
    public void SampledCompositionIsNotSupported()
    {
        var ev = new PoissonSampledEvent(0.1, new ComposedEvent([new GaussianEvent(1), new GaussianEvent(2)]));
        Assert.Throws<NotSupportedException>(() => new RdpAccountant().GetEpsilon(ev, 1e-5));
    }
}
