using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace SynthData.Core.Privacy.Accounting.Pld;

/// <summary>
/// Tight numerical accountant with privacy loss distributions (in the manner of Google's dp_accounting):
/// each sampled-Gaussian component is discretised pessimistically (connect-the-dots) on a common lattice,
/// self-compositions are powers in the Fourier domain, components are multiplied there, and the add and
/// remove directions are composed separately, the worse one reported. Every truncation is charged to
/// delta (mass at infinity, Chernoff bounds on what falls outside the FFT window), so the epsilon
/// reported is an upper bound that already contains the discretisation error.
/// </summary>
public sealed class PldAccountant : IPrivacyAccountant
{
    // Probability allowed outside the FFT window on each side (charged to delta when it matters).
    private const double WindowTail = 1e-14;
    // Points used to size the window before the real grid is known, and to bound the tails.
    private const int SizingPoints = 2048;

    private readonly double _interval;
    private readonly int _maxFftSize;
    private readonly bool _estimateError;
    private readonly bool _mergeUnsampledGaussians;

    /// <param name="valueDiscretisationInterval">Grid step h of the privacy loss (dp_accounting's default 1e-4). It is
    /// widened automatically when the composed loss would not fit in <paramref name="maxFftSize"/> points.</param>
    /// <param name="maxFftSize">Largest FFT (a power of two) per direction.</param>
    /// <param name="estimateError">Also run at 2h to report <see cref="PrivacyGuarantee.EpsilonError"/> (about 50% more work).</param>
    public PldAccountant(double valueDiscretisationInterval = 1e-4, int maxFftSize = 1 << 20, bool estimateError = true)
        : this(valueDiscretisationInterval, maxFftSize, estimateError, mergeUnsampledGaussians: true)
    {
    }

    internal PldAccountant(double valueDiscretisationInterval, int maxFftSize, bool estimateError, bool mergeUnsampledGaussians)
    {
        if (!(valueDiscretisationInterval > 0 && valueDiscretisationInterval < 1))
            throw new ArgumentOutOfRangeException(nameof(valueDiscretisationInterval), valueDiscretisationInterval, "The discretisation interval must lie in (0, 1).");
        if (maxFftSize < 1024 || (maxFftSize & (maxFftSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(maxFftSize), maxFftSize, "The FFT size must be a power of two of at least 1024.");
        _interval = valueDiscretisationInterval;
        _maxFftSize = maxFftSize;
        _estimateError = estimateError;
        _mergeUnsampledGaussians = mergeUnsampledGaussians;
    }

    /// <inheritdoc/>
    public string Name => "pld";

    /// <summary>
    /// An upper bound on epsilon at the given delta. EpsilonError is eps(2h) - eps(h): the pessimistic
    /// discretisation on the coarser (nested) grid dominates the finer one, so this difference estimates
    /// (and, for an error linear in h, equals) how far the figure sits above the exact epsilon.
    /// It is +infinity when the loss cannot be represented (e.g. absurdly small noise).
    /// </summary>
    public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta)
    {
        var decomposed = DecomposedEvent.From(privacyEvent, _mergeUnsampledGaussians);
        double remaining = RemainingDelta.After(decomposed.ThresholdDelta, delta);
        double epsilon = EpsilonUpperBound(decomposed, remaining, _interval, out double usedInterval);
        double error = 0;
        if (double.IsPositiveInfinity(epsilon)) error = double.PositiveInfinity;
        else if (_estimateError && decomposed.Components.Count > 0)
            error = Math.Max(0, EpsilonUpperBound(decomposed, remaining, 2 * usedInterval, out _) - epsilon);
        return new PrivacyGuarantee(epsilon, delta, Name, error);
    }

    /// <inheritdoc/>
    public bool Supports(PrivacyEvent privacyEvent) => DecomposedEvent.IsSupported(privacyEvent);

    /// <summary>An upper bound on delta at the given epsilon (threshold events' deltas added).</summary>
    public double GetDelta(PrivacyEvent privacyEvent, double epsilon)
    {
        var decomposed = DecomposedEvent.From(privacyEvent, _mergeUnsampledGaussians);
        double delta = 0;
        if (decomposed.Components.Count > 0)
            delta = Directions(decomposed).AsParallel().Max(direction => Compose(decomposed, direction, _interval).Delta(epsilon));
        return Math.Min(1, delta + decomposed.ThresholdDelta);
    }

    /// <summary>Epsilon at the delta left after thresholds, without the error estimate (used by calibration).</summary>
    /// <param name="decomposed">The flattened event.</param>
    /// <param name="remainingDelta">The delta left once the threshold events' deltas are taken off.</param>
    /// <param name="interval">The requested discretisation step of the loss grid.</param>
    /// <param name="usedInterval">The widest grid step actually used (the requested one, or wider when the window demanded it).</param>
    internal double EpsilonUpperBound(DecomposedEvent decomposed, double remainingDelta, double interval, out double usedInterval)
    {
        usedInterval = interval;
        if (decomposed.Components.Count == 0) return 0;
        // The two directions are independent computations: run them side by side.
        var results = Directions(decomposed).AsParallel().Select(direction =>
        {
            var composed = Compose(decomposed, direction, interval);
            return (composed.Interval, Epsilon: composed.Epsilon(remainingDelta));
        }).ToList();
        usedInterval = Math.Max(interval, results.Max(r => r.Interval));
        return results.Max(r => r.Epsilon);
    }

    internal double EpsilonUpperBound(DecomposedEvent decomposed, double remainingDelta) =>
        EpsilonUpperBound(decomposed, remainingDelta, _interval, out _);

    private static IEnumerable<NeighbourDirection> Directions(DecomposedEvent decomposed) =>
        decomposed.Components.All(c => c.SamplingRate >= 1)
            ? [NeighbourDirection.Remove] // unsampled Gaussians are symmetric
            : [NeighbourDirection.Remove, NeighbourDirection.Add];

    internal ComposedPrivacyLoss Compose(DecomposedEvent decomposed, NeighbourDirection direction, double requestedInterval)
    {
        var components = decomposed.Components
            .Select(c => (Loss: new SampledGaussianPrivacyLoss(c.SamplingRate, c.NoiseMultiplier, direction), c.Count))
            .ToList();

        // 1. Size the window from a coarse discretisation: where all but WindowTail of the composed loss lies.
        double lowest = 0, highest = 0, widestStep = 0;
        var sizing = new List<(DiscretePrivacyLoss, long)>();
        foreach (var (loss, count) in components)
        {
            var (lower, upper) = loss.LossRange();
            if (!double.IsFinite(lower) || !double.IsFinite(upper)) return ComposedPrivacyLoss.Unbounded;
            lowest += count * lower;
            highest += count * upper;
            widestStep = Math.Max(widestStep, upper - lower);
            sizing.Add((DiscretePrivacyLoss.ConnectTheDots(loss, Math.Max(requestedInterval, (upper - lower) / SizingPoints)), count));
        }
        var sizingUpper = new ChernoffTail(sizing, upper: true);
        var sizingLower = new ChernoffTail(sizing, upper: false);
        double windowHigh = Math.Min(highest, sizingUpper.Quantile(WindowTail));
        double windowLow = Math.Max(lowest, sizingLower.Quantile(WindowTail));
        if (!double.IsFinite(windowHigh) || !double.IsFinite(windowLow)) return ComposedPrivacyLoss.Unbounded;
        windowHigh = Math.Max(windowHigh, windowLow);

        // 2. The grid: the requested step, widened if the window or a single step would need too many points.
        double interval = Math.Max(requestedInterval,
            Math.Max((windowHigh - windowLow) / (_maxFftSize - 4), widestStep / (4.0 * _maxFftSize)));
        if (!double.IsFinite(interval)) return ComposedPrivacyLoss.Unbounded;
        long lowIndex = (long)Math.Floor(windowLow / interval);
        long points = (long)Math.Ceiling(windowHigh / interval) - lowIndex + 1;
        int size = 1;
        while (size < points) size <<= 1;

        // 3. Fine discretisations, multiplied in the Fourier domain (self-composition = power). The masses are
        //    real, so a real FFT (half the spectrum) suffices.
        int half = size / 2 + 1;
        var spectrum = new Complex[half];
        Array.Fill(spectrum, Complex.One);
        long offset = 0;
        double logNoInfinity = 0;
        var fine = new List<(DiscretePrivacyLoss, long)>();
        var buffer = new double[size + 2];
        foreach (var (loss, count) in components)
        {
            var pld = DiscretePrivacyLoss.ConnectTheDots(loss, interval);
            offset += count * pld.MinIndex;
            logNoInfinity += count * PreciseMath.Log1p(-pld.InfinityMass);
            fine.Add((pld, count));

            Array.Clear(buffer);
            for (int j = 0; j < pld.Masses.Length; j++) buffer[j % size] += pld.Masses[j]; // circular fold
            Fourier.ForwardReal(buffer, size, FourierOptions.AsymmetricScaling);
            for (int f = 0; f < half; f++)
            {
                var z = new Complex(buffer[2 * f], buffer[2 * f + 1]);
                spectrum[f] *= count == 1 ? z : Power(z, count);
            }
        }
        for (int f = 0; f < half; f++)
        {
            buffer[2 * f] = spectrum[f].Real;
            buffer[2 * f + 1] = spectrum[f].Imaginary;
        }
        Fourier.InverseReal(buffer, size, FourierOptions.AsymmetricScaling);

        // 4. Unfold: index r is the sum of lattice indices congruent to offset + r (mod size).
        var masses = new double[size];
        long shift = Mod(offset - lowIndex, size);
        for (int r = 0; r < size; r++)
            masses[(int)((r + shift) % size)] = buffer[r];

        // Rigorous tail bounds on the fine distributions, at rates near the ones the sizing pass found best.
        double above = (lowIndex + size) * interval, below = (lowIndex - 1) * interval;
        // Nothing lies beyond the sum of the per-step supports, so no bound is needed there.
        bool aboveSupport = lowIndex + size > fine.Sum(c => c.Item2 * c.Item1.MaxIndex);
        bool belowSupport = lowIndex <= fine.Sum(c => c.Item2 * c.Item1.MinIndex);
        double upperTail = aboveSupport ? 0 : new ChernoffTail(fine, upper: true, RatesNear(sizingUpper.BestRate(above))).Probability(above);
        var lowerTail = new Lazy<double>(() =>
            belowSupport ? 0 : new ChernoffTail(fine, upper: false, RatesNear(sizingLower.BestRate(below))).Probability(below));
        return new ComposedPrivacyLoss(lowIndex, masses, interval, -PreciseMath.Expm1(logNoInfinity), upperTail, lowerTail);
    }

    private static double[] RatesNear(double rate) => [rate * 0.8, rate * 0.9, rate, rate * 1.1, rate * 1.25];

    /// <summary>z^n as e^{n ln z}: one transcendental pair per frequency whatever n is.</summary>
    private static Complex Power(Complex z, long n) =>
        z == Complex.Zero ? Complex.Zero : Complex.Exp(n * Complex.Log(z));

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}
