namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// A public, data-independent partition of the real line into bins, for DP histograms. Each bin
/// has a value range used to interpolate quantiles inside it. Values beyond the outermost
/// separators fall into the end bins (so far outliers are clipped to the grid's span).
/// </summary>
public sealed class HistogramGrid
{
    // Separators[i] is the boundary between bin i and bin i + 1; a value v goes to the bin whose
    // index is the number of separators <= v.
    readonly double[] _separators;
    readonly double[] _lower;
    readonly double[] _upper;
    readonly double[] _uninformativeWeights;

    HistogramGrid(double[] separators, double[] lower, double[] upper, double[] uninformativeWeights)
    {
        _separators = separators;
        _lower = lower;
        _upper = upper;
        _uninformativeWeights = uninformativeWeights;
    }

    /// <summary>Number of bins.</summary>
    public int BinCount => _lower.Length;

    /// <summary>The range quantiles are interpolated over inside the bin (a point for the zero bin).</summary>
    public (double Lower, double Upper) Range(int bin) => (_lower[bin], _upper[bin]);

    /// <summary>Where to put the mass when the noisy histogram is empty: at zero for the log grid, uniform for a bounded grid.</summary>
    internal ReadOnlySpan<double> UninformativeWeights => _uninformativeWeights;

    /// <summary>The bin <paramref name="value"/> falls in; values beyond the outer separators go to the end bins.</summary>
    public int BinOf(double value)
    {
        int index = Array.BinarySearch(_separators, value);
        if (index >= 0)
        {
            // Equal to a separator: count all separators <= value (separators are strictly increasing).
            return index + 1;
        }
        return ~index;
    }

    /// <summary>
    /// Symmetric log-scale bins for numbers of unknown range: binsPerDecade bins per decade for
    /// magnitudes in [minMagnitude, maxMagnitude] on each side, plus one zero bin for
    /// |x| &lt; minMagnitude, treated as the point 0 (so zero-inflated columns get exact zeros).
    /// </summary>
    public static HistogramGrid SymmetricLog(int binsPerDecade = 24, double minMagnitude = 1e-3, double maxMagnitude = 1e12)
    {
        if (binsPerDecade < 1) throw new ArgumentOutOfRangeException(nameof(binsPerDecade));
        if (!(minMagnitude > 0 && maxMagnitude > minMagnitude)) throw new ArgumentOutOfRangeException(nameof(maxMagnitude));
        int perSide = (int)Math.Ceiling(Math.Log10(maxMagnitude / minMagnitude) * binsPerDecade - 1e-9);
        var magnitude = new double[perSide + 1];
        for (int k = 0; k <= perSide; k++) magnitude[k] = minMagnitude * Math.Pow(10.0, (double)k / binsPerDecade);

        int bins = 2 * perSide + 1;
        var lower = new double[bins];
        var upper = new double[bins];
        var separators = new double[bins - 1];
        for (int k = perSide - 1, b = 0; k >= 0; k--, b++)
        {
            lower[b] = -magnitude[k + 1];
            upper[b] = -magnitude[k];
            separators[b] = -magnitude[k];
        }
        // Zero bin at index perSide.
        lower[perSide] = 0;
        upper[perSide] = 0;
        for (int k = 0; k < perSide; k++)
        {
            int b = perSide + 1 + k;
            lower[b] = magnitude[k];
            upper[b] = magnitude[k + 1];
            separators[b - 1] = magnitude[k];
        }
        var weights = new double[bins];
        weights[perSide] = 1;
        return new HistogramGrid(separators, lower, upper, weights);
    }

    /// <summary>Equal-width bins over declared (public) bounds.</summary>
    public static HistogramGrid Uniform(double min, double max, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins));
        if (!(max >= min) || double.IsInfinity(min) || double.IsInfinity(max))
            throw new ArgumentOutOfRangeException(nameof(max), "Bounds must be finite with max >= min.");
        var lower = new double[bins];
        var upper = new double[bins];
        var separators = new List<double>(bins - 1);
        double width = (max - min) / bins;
        for (int b = 0; b < bins; b++)
        {
            lower[b] = min + b * width;
            upper[b] = b == bins - 1 ? max : min + (b + 1) * width;
        }
        for (int b = 1; b < bins; b++) separators.Add(lower[b]);
        // A degenerate range (min == max) gives equal separators; keep them strictly increasing.
        var strict = separators.Distinct().ToArray();
        if (strict.Length != separators.Count) return new HistogramGrid([], [min], [max], [1.0]);
        return new HistogramGrid(strict, lower, upper, Enumerable.Repeat(1.0, bins).ToArray());
    }

    /// <summary>
    /// One point bin per integer in [min, max] (declared bounds of an integer column): quantiles land on
    /// integers, and a value held by many rows (pdays = -1, a 40-hour week) becomes a run of equal knots,
    /// that is an exact atom of the transform.
    /// </summary>
    public static HistogramGrid Integers(long min, long max)
    {
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), "Bounds must satisfy max >= min.");
        if (max - min >= MaxIntegerBins) throw new ArgumentOutOfRangeException(nameof(max), $"At most {MaxIntegerBins} integers.");
        int bins = (int)(max - min + 1);
        var points = new double[bins];
        for (int b = 0; b < bins; b++) points[b] = min + b;
        var separators = new double[bins - 1];
        for (int b = 0; b < bins - 1; b++) separators[b] = points[b] + 0.5;
        return new HistogramGrid(separators, points, points.ToArray(), Enumerable.Repeat(1.0, bins).ToArray());
    }

    /// <summary>Integer ranges up to this many values get one bin per integer (<see cref="Integers"/>).</summary>
    public const int MaxIntegerBins = 4096;

    /// <summary>
    /// For integer columns of unknown range: a point bin for every integer in [-pointsUpTo, pointsUpTo] (atoms
    /// such as 0, -1 and 40 come back exactly), then symmetric log bins (binsPerDecade a decade) beyond, up to
    /// maxMagnitude. Uninformative mass sits at 0.
    /// </summary>
    public static HistogramGrid IntegersThenLog(int pointsUpTo = 64, int binsPerDecade = 24, double maxMagnitude = 1e12)
    {
        if (pointsUpTo < 0) throw new ArgumentOutOfRangeException(nameof(pointsUpTo));
        if (binsPerDecade < 1) throw new ArgumentOutOfRangeException(nameof(binsPerDecade));
        double start = pointsUpTo + 0.5;
        if (!(maxMagnitude > start)) throw new ArgumentOutOfRangeException(nameof(maxMagnitude));
        int perSide = (int)Math.Ceiling(Math.Log10(maxMagnitude / start) * binsPerDecade - 1e-9);
        var magnitude = new double[perSide + 1];
        for (int k = 0; k <= perSide; k++) magnitude[k] = start * Math.Pow(10.0, (double)k / binsPerDecade);
        var lower = new List<double>();
        var upper = new List<double>();
        for (int k = perSide - 1; k >= 0; k--) { lower.Add(-magnitude[k + 1]); upper.Add(-magnitude[k]); }
        for (int v = -pointsUpTo; v <= pointsUpTo; v++) { lower.Add(v); upper.Add(v); }
        for (int k = 0; k < perSide; k++) { lower.Add(magnitude[k]); upper.Add(magnitude[k + 1]); }
        // Separators: the log bins' inner edges, and half-integers between the points.
        var separators = new double[lower.Count - 1];
        for (int b = 0; b < separators.Length; b++)
        {
            bool point = lower[b] == upper[b], nextPoint = lower[b + 1] == upper[b + 1];
            separators[b] = point && nextPoint ? lower[b] + 0.5 : point ? lower[b + 1] : upper[b];
        }
        var weights = new double[lower.Count];
        weights[perSide + pointsUpTo] = 1;
        return new HistogramGrid(separators, lower.ToArray(), upper.ToArray(), weights);
    }
}
