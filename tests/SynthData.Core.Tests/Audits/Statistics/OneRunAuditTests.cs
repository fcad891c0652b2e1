using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Tests.Audits.Statistics;

public class OneRunAuditTests
{
    // Published examples of Steinke, Nasr, Jagielski (2023), Appendix D, reported to 3 decimals.
    [Theory]
    [InlineData(100, 100, 75, 0.0, 0.702)]
    [InlineData(100, 100, 75, 1e-4, 0.699)]
    [InlineData(1000, 100, 75, 1e-4, 0.673)]
    [InlineData(100000, 1510, 1439, 1e-5, 2.675)]
    public void EpsilonLowerBoundMatchesThePublishedExamples(int m, int r, int v, double delta, double expected)
    {
        Assert.Equal(expected, OneRunAudit.EpsilonLowerBound(m, r, v, delta), 0.005);
    }

    [Fact]
    public void TheBoundSitsWhereThePValueCrossesTheSignificanceLevel()
    {
        double eps = OneRunAudit.EpsilonLowerBound(100, 100, 75, 1e-4);
        Assert.True(OneRunAudit.PValue(100, 100, 75, eps, 1e-4) < 0.05);
        Assert.True(OneRunAudit.PValue(100, 100, 75, eps + 1e-6, 1e-4) >= 0.05);
    }

    [Fact]
    public void ChanceLevelGuessingGivesZero()
    {
        Assert.Equal(0.0, OneRunAudit.EpsilonLowerBound(1000, 100, 50, 1e-5));
    }

    [Fact]
    public void GuessesTakeTheTopAndBottomScores()
    {
        double[] scores = [0.9, 0.1, 0.5, 0.8, 0.2, 0.3];
        bool[] included = [true, false, true, false, true, false];
        // Top 2: canaries 0 (in, right) and 3 (out, wrong). Bottom 2: 1 (out, right) and 4 (in, wrong).
        Assert.Equal(new OneRunGuesses(6, 4, 2), OneRunAudit.Guess(scores, included, 2, 2));
        Assert.Equal(new OneRunGuesses(6, 2, 2), OneRunAudit.Guess(scores, included, 1, 1));
    }

    [Fact]
    public void PerfectlySeparatingScoresGiveAPositiveBound()
    {
        var random = new Random(3);
        var included = Enumerable.Range(0, 1000).Select(_ => random.Next(2) == 1).ToArray();
        var scores = included.Select(bit => (bit ? 1.0 : 0.0) + random.NextDouble() * 0.5).ToArray();
        var result = OneRunAudit.Audit(scores, included, guessFraction: 0.2, delta: 1e-5);
        Assert.Equal(200, result.Guesses.Guesses);
        Assert.Equal(200, result.Guesses.CorrectGuesses);
        // r = v = 200 with delta = 0 would give p^200 = 0.05, eps = ln(p/(1-p)) with p = 0.05^(1/200) ~ 4.2;
        // the delta term only lowers it.
        Assert.InRange(result.EpsilonLowerBound, 2.0, 4.21);
    }
}
