using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Drift;

/// <summary>How a column's values are compared: label slots (total variation) or ordered numeric bins (Kolmogorov-Smirnov).</summary>
public enum DriftDistanceKind
{
    /// <summary>Unordered label slots: half the L1 distance of the shares.</summary>
    TotalVariation,
    /// <summary>Ordered numeric bins: the largest gap between the cumulative shares.</summary>
    KolmogorovSmirnov,
}

/// <summary>
/// One modelled column's public bins, taken from the model alone (never from the new rows): a label column's vocabulary
/// slots (listed labels, "other", missing), a numeric column's bins between the model's quantile knots, which are
/// declared or DP-released, so the bins hold roughly equal shares of the training population; a column whose transform is
/// only its declared bounds gets even bins between them. Numeric bins are (-inf, e1], (e1, e2], ..., (ek, +inf), then a
/// missing bin when the column is nullable. Each row falls in exactly one bin, so a row moves one count per column.
/// </summary>
public sealed class DriftBins
{
    readonly double[] _edges;
    readonly CategoryVocabulary? _vocabulary;

    /// <summary>Name of the column binned.</summary>
    public string Column { get; }
    /// <summary>The distance these bins are compared with: total variation for labels, Kolmogorov-Smirnov for numbers.</summary>
    public DriftDistanceKind Distance { get; }
    /// <summary>Number of bins, the missing bin included.</summary>
    public int Count { get; }

    DriftBins(string column, double[] edges, CategoryVocabulary? vocabulary, bool nullable)
    {
        Column = column;
        _edges = edges;
        _vocabulary = vocabulary;
        Distance = vocabulary is null ? DriftDistanceKind.KolmogorovSmirnov : DriftDistanceKind.TotalVariation;
        Count = vocabulary?.Width ?? edges.Length + 1 + (nullable ? 1 : 0);
    }

    /// <summary>The model's bins for each modelled column, in the transformer's order.</summary>
    public static IReadOnlyList<DriftBins> For(TableTransformer transformer, int maxNumericBins) =>
        transformer.Columns.Select(c => For(c, maxNumericBins)).ToArray();

    /// <summary>One column's bins: its vocabulary slots, or at most <paramref name="maxNumericBins"/> numeric bins from its public knots or bounds.</summary>
    public static DriftBins For(FittedColumn column, int maxNumericBins)
    {
        if (column.Categories is { } vocabulary) return new DriftBins(column.Schema.Name, [], vocabulary, column.Schema.Nullable);
        var transform = column.Numeric!;
        var knots = transform.Values.Distinct().ToArray();
        double[] edges = knots.Length > 2
            ? Thin(knots, maxNumericBins)
            // Declared bounds only (or one value): even bins between them, all public.
            : Enumerable.Range(1, maxNumericBins - 1).Select(i => transform.Lower + (transform.Upper - transform.Lower) * i / maxNumericBins)
                .Distinct().ToArray();
        return new DriftBins(column.Schema.Name, edges, null, column.Schema.Nullable);
    }

    /// <summary>At most bins - 1 edges, taken evenly along the knots (which are evenly spaced in level).</summary>
    static double[] Thin(double[] distinctKnots, int bins)
    {
        if (distinctKnots.Length <= bins - 1) return distinctKnots;
        if (bins == 2) return [distinctKnots[distinctKnots.Length / 2]];
        return Enumerable.Range(0, bins - 1)
            .Select(i => distinctKnots[(int)Math.Round((double)i * (distinctKnots.Length - 1) / (bins - 2))])
            .Distinct().ToArray();
    }

    /// <summary>Exact counts of a column's cells per bin (numbers as doubles, missing as NaN; labels as strings, missing as null).</summary>
    public double[] CountsOf(TabularData table)
    {
        int index = table.Schema.IndexOf(Column);
        if (index < 0) throw new ArgumentException($"The table has no column '{Column}', which the model generates.");
        var counts = new double[Count];
        if (_vocabulary is { } vocabulary)
        {
            if (table.Schema.Columns[index].IsNumeric) throw new ArgumentException($"Column '{Column}' must hold labels, as the model's does.");
            foreach (var label in table.Labels(index))
            {
                int slot = vocabulary.SlotOf(label);
                if (slot < 0) throw new ArgumentException($"Column '{Column}' has a missing cell, but the model's column is not nullable.");
                counts[slot]++;
            }
            return counts;
        }
        if (!table.Schema.Columns[index].IsNumeric) throw new ArgumentException($"Column '{Column}' must be numeric, as the model's is.");
        foreach (double value in table.Numeric(index))
        {
            if (double.IsNaN(value))
            {
                if (Count == _edges.Length + 1) throw new ArgumentException($"Column '{Column}' has a missing cell, but the model's column is not nullable.");
                counts[^1]++;
            }
            else counts[BinOf(value)]++;
        }
        return counts;
    }

    /// <summary>The number of edges strictly below the value: bin i holds (e_i, e_{i+1}].</summary>
    int BinOf(double value)
    {
        int lo = 0, hi = _edges.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (_edges[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
