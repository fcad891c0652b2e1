using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Tests.Audits.Statistics;

public class ClopperPearsonTests
{
    [Fact]
    public void ZeroSuccessesHaveTheClosedFormUpperBound()
    {
        // With k = 0 the bound solves (1 - p)^n = tail: p = 1 - tail^(1/n).
        var (lower, upper) = ClopperPearson.Interval(0, 10);
        Assert.Equal(0.0, lower);
        Assert.Equal(1 - Math.Pow(0.025, 0.1), upper, 9);
        Assert.Equal(1 - Math.Pow(0.05, 0.1), ClopperPearson.UpperBound(0, 10), 9);
    }

    [Fact]
    public void AllSuccessesHaveTheClosedFormLowerBound()
    {
        var (lower, upper) = ClopperPearson.Interval(20, 20);
        Assert.Equal(Math.Pow(0.025, 1.0 / 20), lower, 9);
        Assert.Equal(1.0, upper);
    }

    [Fact]
    public void HalfOfTenMatchesTheTabulatedInterval()
    {
        // Standard tables: 5/10 at 95% gives (0.1871, 0.8129).
        var (lower, upper) = ClopperPearson.Interval(5, 10);
        Assert.Equal(0.1871, lower, 4);
        Assert.Equal(0.8129, upper, 4);
    }
}
