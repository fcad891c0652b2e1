using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Pld;
using System.Diagnostics;
using Xunit.Abstractions;

namespace SynthData.Core.Tests.Privacy.Accounting;

public class NoiseCalibratorTests(ITestOutputHelper output)
{
    private static readonly ComposedEvent NoPreprocessing = new([]);

    [Fact]
    public void CalibratedNoiseMeetsTheTargetAndOnePercentLessDoesNot()
    {
        // The production setting of the brief: q = 256/36169, 30 epochs, delta 2e-6, epsilon 3.
        double q = 256.0 / 36169;
        long steps = NoiseCalibrator.StepsForEpochs(30, q);
        var watch = Stopwatch.StartNew();
        var result = new NoiseCalibrator().Calibrate(3.0, 2e-6, q, steps, NoPreprocessing);
        watch.Stop();
        output.WriteLine($"sigma {result.NoiseMultiplier} eps {result.Guarantee.Epsilon} steps {steps} evaluations {result.Evaluations} in {watch.ElapsedMilliseconds} ms");

        var pld = new PldAccountant(estimateError: false);
        watch.Restart();
        Assert.True(pld.GetEpsilon(result.TrainingEvent, 2e-6).Epsilon <= 3.0);
        output.WriteLine($"one evaluation {watch.ElapsedMilliseconds} ms");
        var lessNoise = NoiseCalibrator.TrainingEvent(q, result.NoiseMultiplier * 0.99, steps);
        Assert.True(pld.GetEpsilon(lessNoise, 2e-6).Epsilon > 3.0);
    }

    [Fact]
    public void PreprocessingLeavesLessForTrainingSoNoiseGrows()
    {
        var calibrator = new NoiseCalibrator();
        var alone = calibrator.Calibrate(2.0, 1e-5, 0.01, 500, NoPreprocessing);
        var preprocessing = new ComposedEvent([new GaussianEvent(3.0), new GaussianEvent(4.0), new ThresholdEvent(2e-6)]);
        var after = calibrator.Calibrate(2.0, 1e-5, 0.01, 500, preprocessing);
        output.WriteLine($"alone {alone.NoiseMultiplier}, after preprocessing {after.NoiseMultiplier}");
        Assert.True(after.NoiseMultiplier > alone.NoiseMultiplier * 1.01);
        var total = new ComposedEvent([preprocessing, after.TrainingEvent]);
        Assert.True(new PldAccountant(estimateError: false).GetEpsilon(total, 1e-5).Epsilon <= 2.0);
    }

    [Fact]
    public void PreprocessingThatExhaustsTheBudgetThrowsClearly()
    {
        var preprocessing = new ComposedEvent([new GaussianEvent(0.5)]);
        var ex = Assert.Throws<BudgetInfeasibleException>(() => new NoiseCalibrator().Calibrate(1.0, 1e-5, 0.01, 100, preprocessing));
        Assert.Contains("Preprocessing alone", ex.Message);
    }

    [Theory]
    [InlineData(30, 256.0 / 36169, 4239)] // 30 / 0.0070779 = 4238.55 -> 4239
    [InlineData(1, 0.01, 100)]            // 1 / 0.01 is 100.00000000000001 in floating point, still 100 steps
    [InlineData(3, 0.3, 10)]
    public void StepsForEpochsIsTheCeiling(double epochs, double q, long expected) =>
        Assert.Equal(expected, NoiseCalibrator.StepsForEpochs(epochs, q));

    [Fact]
    public void The_default_calibrator_remembers_and_answers_what_a_fresh_calibration_gives()
    {
        var preprocessing = new ComposedEvent([new GaussianEvent(8.0)]);
        var fresh = new NoiseCalibrator(new PldAccountant(estimateError: false)).Calibrate(2.0, 1e-5, 0.02, 750, preprocessing);
        var first = new NoiseCalibrator().Calibrate(2.0, 1e-5, 0.02, 750, preprocessing);
        var clock = Stopwatch.StartNew();
        var again = new NoiseCalibrator().Calibrate(2.0, 1e-5, 0.02, 750, new ComposedEvent([new GaussianEvent(8.0)]));
        output.WriteLine($"remembered answer in {clock.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(fresh, first);
        Assert.Same(first, again); // the remembered answer itself, not a recomputation
        Assert.NotEqual(first.NoiseMultiplier, new NoiseCalibrator().Calibrate(2.0, 1e-5, 0.02, 751, preprocessing).NoiseMultiplier);
    }
}
