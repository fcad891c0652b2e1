using SynthData.Core;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Core.Tests.Privacy.Accounting;

public class DeltaPolicyTests
{
    [Theory]
    [InlineData(36169, 2e-6)]   // 1/361690 = 2.76e-6, rounded down
    [InlineData(10, 1e-2)]      // exactly 0.01 stays 0.01
    [InlineData(1000, 1e-4)]
    [InlineData(60000, 1e-6)]   // 1.67e-6 -> 1e-6
    [InlineData(7, 1e-2)]       // 0.0143 -> 0.01
    public void DefaultIsOneTenthOfOneOverNRoundedDown(long rows, double expected)
    {
        double delta = DeltaPolicy.Default(rows);
        Assert.Equal(expected, delta, expected * 1e-9);
        Assert.True(delta <= 1.0 / (10 * rows));
    }

    [Fact]
    public void ValidationRejectsDeltaAtOrAboveOneOverN()
    {
        var ex = Assert.Throws<InvalidInputException>(() => DeltaPolicy.Validate(1.0, 1.0 / 1000, 1000));
        Assert.Contains("1/N", ex.Message);
        Assert.Equal("delta", ex.Field);
        DeltaPolicy.Validate(1.0, 0.99 / 1000, 1000);
    }

    [Theory]
    [InlineData(0.0, 1e-6)]
    [InlineData(-1.0, 1e-6)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.0, -1e-6)]
    [InlineData(double.NaN, 1e-6)]
    public void ValidationRejectsNonPositiveParameters(double epsilon, double delta) =>
        Assert.Throws<InvalidInputException>(() => DeltaPolicy.Validate(epsilon, delta, 1000));
}
