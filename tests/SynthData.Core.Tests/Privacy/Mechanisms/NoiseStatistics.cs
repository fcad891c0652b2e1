namespace SynthData.Core.Tests.Privacy.Mechanisms;

/// <summary>
/// Tolerances for checking a noise scale empirically. For n i.i.d. N(0, s^2) draws the sample
/// variance is s^2 chi2(n-1)/(n-1), so the sample standard deviation is approximately normal with
/// mean s and standard error s / sqrt(2 (n - 1)); the sample mean has standard error s / sqrt(n).
/// We accept within 4 standard errors (two-sided false-alarm rate about 6e-5 per check), and the
/// seeds are fixed so a pass is reproducible.
/// </summary>
static class NoiseStatistics
{
    public const double StandardErrors = 4.0;

    public static (double Mean, double Std) MeanAndStd(IReadOnlyList<double> draws)
    {
        double mean = draws.Average();
        double ss = draws.Sum(d => (d - mean) * (d - mean));
        return (mean, Math.Sqrt(ss / (draws.Count - 1)));
    }

    public static void AssertNormalNoise(IReadOnlyList<double> deviations, double expectedStd)
    {
        var (mean, std) = MeanAndStd(deviations);
        int n = deviations.Count;
        double stdTolerance = StandardErrors * expectedStd / Math.Sqrt(2.0 * (n - 1));
        double meanTolerance = StandardErrors * expectedStd / Math.Sqrt(n);
        Assert.InRange(std, expectedStd - stdTolerance, expectedStd + stdTolerance);
        Assert.InRange(mean, -meanTolerance, meanTolerance);
    }
}
