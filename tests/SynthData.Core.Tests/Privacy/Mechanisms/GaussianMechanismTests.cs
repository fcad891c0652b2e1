using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tests.Privacy.Mechanisms;

public class GaussianMechanismTests
{
    [Fact]
    public void NoiseScaleIsMultiplierTimesSensitivityAndTheEventIsNormalised()
    {
        var mechanism = new GaussianMechanism(noiseMultiplier: 2.0, l2Sensitivity: 1.5);
        var constant = Enumerable.Repeat(3.0, 20_000).ToArray();

        var output = mechanism.Release(constant, new SeededNoiseSource(11), "test", "A constant.");

        NoiseStatistics.AssertNormalNoise(output.Value.Select(v => v - 3.0).ToArray(), expectedStd: 3.0);
        Assert.Equal(new GaussianEvent(2.0), output.Record.Event);
        Assert.Equal("test", output.Record.Name);
    }

    [Fact]
    public void InputIsNotModifiedAndInvalidParametersAreRejected()
    {
        var values = new[] { 1.0, 2.0 };
        new GaussianMechanism(1, 1).Release(values, new SeededNoiseSource(1), "t", "d");
        Assert.Equal(new[] { 1.0, 2.0 }, values);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMechanism(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMechanism(1, double.NaN));
    }
}
