using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Tabular;

public class HoldoutSplitTests
{
    [Fact]
    public void SplitIsAPartitionOfTheRequestedSize()
    {
        var split = HoldoutSplit.Create(1001, 0.2, seed: 3);
        Assert.Equal(200, split.HoldoutRows.Length);
        Assert.Equal(801, split.TrainingRows.Length);
        Assert.Equal(Enumerable.Range(0, 1001), split.TrainingRows.Concat(split.HoldoutRows).Order());
    }

    [Fact]
    public void SameSeedGivesTheSameSplitAndAnotherSeedAnother()
    {
        var a = HoldoutSplit.Create(500, 0.2, seed: 11);
        var b = HoldoutSplit.Create(500, 0.2, seed: 11);
        var c = HoldoutSplit.Create(500, 0.2, seed: 12);
        Assert.Equal(a.HoldoutRows, b.HoldoutRows);
        Assert.NotEqual(a.HoldoutRows, c.HoldoutRows);
    }

    [Fact]
    public void FractionOutsideRangeIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutSplit.Create(10, 1.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutSplit.Create(10, -0.1, 1));
    }
}
