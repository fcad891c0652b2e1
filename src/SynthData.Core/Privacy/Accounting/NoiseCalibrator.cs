using System.Globalization;
using System.Text.Json;
using SynthData.Core.Privacy.Accounting.Pld;
using SynthData.Core.Privacy.Accounting.Rdp;
namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// Finds the smallest DP-SGD noise multiplier that keeps preprocessing plus training within a target
/// (epsilon, delta) under the tight (PLD) accountant: bisection on ln sigma to a relative tolerance.
/// </summary>
public sealed class NoiseCalibrator(PldAccountant accountant, double relativeTolerance = 1e-3)
{
    private const double SmallestNoise = 1e-2, LargestNoise = 1e4;

    // Calibration takes seconds and is a pure function of its inputs; a server plans the same run shape again and
    // again (concurrent requests, retries, a replica re-planning an admitted run), so the default calibrator remembers.
    static readonly Memo<CalibratedNoise> DefaultCalibrations = new(512);
    readonly bool _isDefault;

    /// <summary>Calibrates against the PLD accountant without its error estimate, to the default tolerance.</summary>
    public NoiseCalibrator() : this(new PldAccountant(estimateError: false))
    {
        _isDefault = true;
    }

    /// <summary>The noise the RDP accountant would need (to 1e-4 relative), or null if it finds none in range.</summary>
    private static double? RdpNoise(ComposedEvent preprocessing, double targetEpsilon, double targetDelta, double samplingRate, long steps)
    {
        var rdp = new RdpAccountant();
        bool Meets(double sigma) =>
            rdp.GetEpsilon(new ComposedEvent([preprocessing, TrainingEvent(samplingRate, sigma, steps)]), targetDelta).Epsilon <= targetEpsilon;
        double low = SmallestNoise, high = LargestNoise;
        if (!Meets(high) || Meets(low)) return null;
        while (high / low > 1 + 1e-4)
        {
            double mid = Math.Sqrt(low * high);
            if (Meets(mid)) high = mid; else low = mid;
        }
        return high;
    }

    /// <summary>T = ceil(epochs / q): the expected number of passes over the data is epochs.</summary>
    public static long StepsForEpochs(double epochs, double samplingRate)
    {
        if (!(epochs > 0) || double.IsInfinity(epochs)) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Epochs must be positive and finite.");
        if (!(samplingRate > 0 && samplingRate <= 1)) throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, "The sampling rate must lie in (0, 1].");
        double exact = epochs / samplingRate;
        // Guard against 1/0.01 = 100.00000000000001 becoming 101 steps.
        double nearest = Math.Round(exact);
        return (long)(Math.Abs(exact - nearest) <= 1e-9 * exact ? nearest : Math.Ceiling(exact));
    }

    /// <summary>The DP-SGD event: T Poisson-sampled Gaussian steps.</summary>
    public static PrivacyEvent TrainingEvent(double samplingRate, double noiseMultiplier, long steps) =>
        new SelfComposedEvent(new PoissonSampledEvent(samplingRate, new GaussianEvent(noiseMultiplier)), steps);

    /// <summary>The smallest noise multiplier for which preprocessing plus <paramref name="steps"/> DP-SGD steps meet the target.</summary>
    /// <param name="targetEpsilon">The epsilon the whole run must not exceed.</param>
    /// <param name="targetDelta">The delta the guarantee holds at.</param>
    /// <param name="samplingRate">q: the Poisson sampling rate of each step.</param>
    /// <param name="steps">T: the number of DP-SGD steps.</param>
    /// <param name="preprocessing">Mechanisms already spent or reserved (Gaussians, thresholds); may be empty.</param>
    public CalibratedNoise Calibrate(double targetEpsilon, double targetDelta, double samplingRate, long steps, ComposedEvent preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        if (!_isDefault) return CalibrateNow(targetEpsilon, targetDelta, samplingRate, steps, preprocessing);
        string key = string.Create(CultureInfo.InvariantCulture, $"{targetEpsilon:R}|{targetDelta:R}|{samplingRate:R}|{steps}|")
            + JsonSerializer.Serialize<PrivacyEvent>(preprocessing, SynthDataJson.Compact);
        return DefaultCalibrations.Get(key, () => CalibrateNow(targetEpsilon, targetDelta, samplingRate, steps, preprocessing));
    }

    CalibratedNoise CalibrateNow(double targetEpsilon, double targetDelta, double samplingRate, long steps, ComposedEvent preprocessing)
    {
        if (!(targetEpsilon > 0) || double.IsInfinity(targetEpsilon)) throw new ArgumentOutOfRangeException(nameof(targetEpsilon), targetEpsilon, "The target epsilon must be positive and finite.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "At least one training step is needed.");
        var pre = DecomposedEvent.From(preprocessing);
        double remainingDelta = RemainingDelta.After(pre.ThresholdDelta, targetDelta);

        var evaluated = new Dictionary<double, double>();
        double EpsilonAt(double sigma)
        {
            if (evaluated.TryGetValue(sigma, out double known)) return known;
            var combined = DecomposedEvent.From(new ComposedEvent([preprocessing, TrainingEvent(samplingRate, sigma, steps)]));
            return evaluated[sigma] = accountant.EpsilonUpperBound(combined, remainingDelta);
        }

        double preprocessingEpsilon = accountant.EpsilonUpperBound(pre, remainingDelta);
        if (preprocessingEpsilon >= targetEpsilon)
            throw new BudgetInfeasibleException(
                $"Preprocessing alone already costs epsilon = {preprocessingEpsilon:G4} at delta = {targetDelta:G3}, which meets or exceeds the target " +
                $"epsilon = {targetEpsilon:G4}: no amount of training noise can fit. Spend less on preprocessing or raise the target.");

        // Bracket: 'high' meets the target, 'low' does not. Start from the RDP answer, which is cheap and
        // (RDP being looser) an upper end that almost always already meets the target under PLD.
        double high = RdpNoise(preprocessing, targetEpsilon, targetDelta, samplingRate, steps) ?? 1.0, low;
        const double step = 0.8;
        if (EpsilonAt(high) <= targetEpsilon)
        {
            low = high * step;
            while (EpsilonAt(low) <= targetEpsilon)
            {
                high = low;
                low *= step;
                if (low < SmallestNoise) { low = 0; break; }
            }
        }
        else
        {
            low = high;
            high /= step;
            while (EpsilonAt(high) > targetEpsilon)
            {
                low = high;
                high /= step;
                if (high > LargestNoise)
                    throw new BudgetInfeasibleException(
                        $"Even a noise multiplier of {LargestNoise} does not bring epsilon below {targetEpsilon:G4} " +
                        $"(preprocessing alone costs {preprocessingEpsilon:G4}); the budget left for training is too small.");
            }
        }

        if (low > 0)
            while (high / low > 1 + relativeTolerance)
            {
                double mid = Math.Sqrt(low * high);
                if (EpsilonAt(mid) <= targetEpsilon) high = mid; else low = mid;
            }

        var guarantee = new PrivacyGuarantee(EpsilonAt(high), targetDelta, accountant.Name, 0);
        return new CalibratedNoise(high, samplingRate, steps, guarantee, evaluated.Count);
    }
}
