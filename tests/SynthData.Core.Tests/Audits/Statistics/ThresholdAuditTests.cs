using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Tests.Audits.Statistics;

public class ThresholdAuditTests
{
    [Fact]
    public void ErrorFreeTestGivesTheClosedFormBound()
    {
        // 0 errors out of n: one-sided upper bound 1 - a^(1/n) with a = 0.05 / 2 (two rates).
        double upper = 1 - Math.Pow(0.025, 1.0 / 1000);
        double expected = Math.Log(1 - upper - 1e-5) - Math.Log(upper);
        Assert.Equal(expected, ThresholdAudit.EpsilonLowerBound(0, 1000, 0, 1000, delta: 1e-5), 6);
    }

    [Fact]
    public void ChanceLevelTestGivesZero()
    {
        Assert.Equal(0.0, ThresholdAudit.EpsilonLowerBound(500, 1000, 500, 1000, delta: 1e-5));
    }

    [Fact]
    public void MoreCandidateThresholdsCostConfidence()
    {
        double one = ThresholdAudit.EpsilonLowerBound(10, 1000, 300, 1000, 1e-5, thresholdsTried: 1);
        double ten = ThresholdAudit.EpsilonLowerBound(10, 1000, 300, 1000, 1e-5, thresholdsTried: 10);
        Assert.True(one > ten && ten > 0, $"{one} vs {ten}");
    }

    [Fact]
    public void AuditPicksTheBestCandidateWithTheCorrection()
    {
        double[] members = [.. Enumerable.Range(0, 1000).Select(i => 1.0 + i / 1000.0)];
        double[] nonMembers = [.. Enumerable.Range(0, 1000).Select(i => i / 1000.0)];
        var result = ThresholdAudit.Audit(members, nonMembers, [0.5, 1.0], delta: 1e-5);
        Assert.Equal(1.0, result.Threshold);
        Assert.Equal(ThresholdAudit.EpsilonLowerBound(0, 1000, 0, 1000, 1e-5, thresholdsTried: 2), result.EpsilonLowerBound, 12);
    }
}
