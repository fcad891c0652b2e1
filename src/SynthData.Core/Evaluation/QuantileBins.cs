namespace SynthData.Core.Evaluation;

/// <summary>
/// Cuts a numeric column into bins whose edges are the real column's deciles (type-7 quantiles at
/// 0.1 .. 0.9 of the present values), so that real and synthetic values share one binning. Code 0
/// is missing; bin k (1-based) holds values in (edge_{k-1}, edge_k]; values beyond the real range
/// fall in the first or last bin. Tied edges simply leave some bins empty.
/// </summary>
sealed class QuantileBins
{
    readonly double[] _edges;

    public int Count => _edges.Length + 2;

    public QuantileBins(IReadOnlyList<double> real, int bins)
    {
        var present = real.Where(x => !double.IsNaN(x)).Order().ToArray();
        if (present.Length == 0) { _edges = []; return; }
        _edges = new double[bins - 1];
        for (int k = 1; k < bins; k++)
        {
            double position = (double)k / bins * (present.Length - 1);
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, present.Length - 1);
            _edges[k - 1] = present[below] + (position - below) * (present[above] - present[below]);
        }
    }

    public int Code(double value)
    {
        if (double.IsNaN(value)) return 0;
        // Number of edges strictly below the value, by binary search on the sorted edges.
        int low = 0, high = _edges.Length;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (_edges[middle] < value) low = middle + 1; else high = middle;
        }
        return 1 + low;
    }

    public int[] Codes(IReadOnlyList<double> values)
    {
        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++) codes[i] = Code(values[i]);
        return codes;
    }
}
