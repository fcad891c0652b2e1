using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Tests.Audits.Statistics;

public class RocAnalysisTests
{
    static readonly double[] Members = [3, 2];
    static readonly double[] NonMembers = [1, 2];

    [Fact]
    public void AucCountsTiesAsOneHalf()
    {
        // Pairs (member, non-member): 3>1, 3>2, 2>1 win; 2=2 ties -> (3 + 0.5) / 4.
        Assert.Equal(0.875, RocAnalysis.Auc(Members, NonMembers), 12);
    }

    [Fact]
    public void AucMatchesPairwiseCountingOnTiedRandomScores()
    {
        var random = new Random(11);
        var members = Enumerable.Range(0, 300).Select(_ => (double)random.Next(20) + 2).ToArray();
        var nonMembers = Enumerable.Range(0, 250).Select(_ => (double)random.Next(20)).ToArray();
        double wins = 0;
        foreach (var m in members)
            foreach (var n in nonMembers)
                wins += m > n ? 1 : m == n ? 0.5 : 0;
        Assert.Equal(wins / (members.Length * nonMembers.Length), RocAnalysis.Auc(members, nonMembers), 12);
    }

    [Fact]
    public void CurveAdmitsTiedScoresTogether()
    {
        var curve = RocAnalysis.Curve(Members, NonMembers);
        Assert.Equal(
            new[] { (0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0) },
            curve.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)).ToArray());
        Assert.Equal(new[] { double.PositiveInfinity, 3, 2, 1 }, curve.Select(p => p.Threshold).ToArray());
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.49, 0.5)]
    [InlineData(0.5, 1.0)]
    public void TprAtFprIsTheBestThresholdWithinTheTarget(double targetFpr, double expectedTpr)
    {
        Assert.Equal(expectedTpr, RocAnalysis.TprAtFpr(Members, NonMembers, targetFpr));
    }

    [Fact]
    public void TprAtFprIsZeroWhenTheTopScoreIsANonMember()
    {
        Assert.Equal(0.0, RocAnalysis.TprAtFpr([1, 2], [5, 0], 0.001));
    }
}
