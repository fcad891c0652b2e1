using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Pld;
using SynthData.Core.Privacy.Accounting.Rdp;

namespace SynthData.Core.Tests.Privacy.Accounting;

/// <summary>Supports and GetDelta, for every accountant behind <see cref="IPrivacyAccountant"/>.</summary>
public class AccountantInterfaceTests
{
    sealed record LaplaceEvent(double Scale) : PrivacyEvent;

    static readonly PrivacyEvent DpSgd = new ComposedEvent([NoiseCalibrator.TrainingEvent(0.02, 1.0, 500), new ThresholdEvent(1e-7)]);
    static readonly PrivacyEvent TwoGaussians = new ComposedEvent([new GaussianEvent(3.0), new SelfComposedEvent(new GaussianEvent(6.0), 4)]);

    public static TheoryData<string> Names => ["rdp", "pld", BestOfAccountants.AccountantName];

    static IPrivacyAccountant Accountant(string name) => name switch
    {
        "rdp" => new RdpAccountant(),
        "pld" => new PldAccountant(),
        _ => new BestOfAccountants(),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Supports_the_shapes_the_accountants_interpret_and_nothing_else(string name)
    {
        var accountant = Accountant(name);
        Assert.True(accountant.Supports(DpSgd));
        Assert.True(accountant.Supports(TwoGaussians));
        Assert.False(accountant.Supports(new LaplaceEvent(1)));
        // Sampling around a composition amplifies differently from composing sampled steps: refused.
        Assert.False(accountant.Supports(new PoissonSampledEvent(0.1, TwoGaussians)));
        Assert.False(accountant.Supports(new ComposedEvent([DpSgd, new SelfComposedEvent(new LaplaceEvent(1), 2)])));
    }

    [Fact]
    public void The_exact_Gaussian_accountant_supports_unsampled_Gaussians_only()
    {
        var exact = new ExactGaussianAccountant();
        Assert.True(exact.Supports(TwoGaussians));
        Assert.False(exact.Supports(DpSgd));
        Assert.False(exact.Supports(new LaplaceEvent(1)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GetDelta_at_the_certified_epsilon_is_at_most_the_delta_it_was_certified_at(string name)
    {
        var accountant = Accountant(name);
        const double delta = 1e-5;
        double epsilon = accountant.GetEpsilon(DpSgd, delta).Epsilon;
        double back = accountant.GetDelta(DpSgd, epsilon);
        // Both conversions bound the same curve from above, so delta(eps(delta)) <= delta; RDP's minimising
        // order makes it equal, PLD's rounding up of epsilon makes it smaller. Relative slack 1e-9 for rounding.
        Assert.True(back <= delta * (1 + 1e-9), $"{name}: delta({epsilon}) = {back} > {delta}");
        // Not vacuous: at a clearly smaller epsilon the delta must exceed the target.
        Assert.True(accountant.GetDelta(DpSgd, 0.8 * epsilon) > delta);
        // The threshold's delta is always part of it.
        Assert.True(accountant.GetDelta(DpSgd, 100) >= 1e-7);
    }

    [Fact]
    public void The_RDP_delta_inverts_the_RDP_epsilon_exactly()
    {
        var rdp = new RdpAccountant();
        double epsilon = rdp.GetEpsilon(DpSgd, 1e-5).Epsilon;
        Assert.Equal(1e-5, rdp.GetDelta(DpSgd, epsilon), 1e-14);
    }

    [Fact]
    public void The_exact_Gaussian_delta_is_the_closed_form_curve()
    {
        // 1/sigma^2 = 1/9 + 4/36 = 2/9: one Gaussian of sigma = sqrt(4.5) (exact composition).
        Assert.Equal(ExactGaussian.Delta(Math.Sqrt(4.5), 1, 1.0), new ExactGaussianAccountant().GetDelta(TwoGaussians, 1.0), 1e-12);
        Assert.Throws<NotSupportedException>(() => new ExactGaussianAccountant().GetDelta(DpSgd, 1.0));
    }

    [Fact]
    public void The_quoted_accountant_takes_the_smaller_delta_of_the_two()
    {
        double epsilon = 2.0;
        double best = new BestOfAccountants().GetDelta(DpSgd, epsilon);
        Assert.Equal(Math.Min(new RdpAccountant().GetDelta(DpSgd, epsilon), new PldAccountant().GetDelta(DpSgd, epsilon)), best);
    }
}
