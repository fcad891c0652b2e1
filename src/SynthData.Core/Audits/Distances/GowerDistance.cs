using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.Distances;

/// <summary>
/// A Gower-like mixed-type row distance in [0, 1], as SDMetrics' DCR metrics define it: the mean
/// over the modelled columns of a per-column term:
/// <list type="bullet">
/// <item>numeric (continuous, integer, datetime): min(|a - b| / range, 1), where range = max - min
/// of the column in the real reference table (range 1 when that column is constant or all missing,
/// so differences then count in raw units, capped at 1);</item>
/// <item>categorical and boolean: 0 if the labels are equal (ordinal comparison), else 1;</item>
/// <item>missing vs present: 1; missing vs missing: 0.</item>
/// </list>
/// Columns are matched by name; identifier and PII columns are never compared.
/// </summary>
public sealed class GowerDistance
{
    /// <summary>Names of the compared (modelled) columns, in schema order.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>Whether each compared column is numeric (else categorical).</summary>
    internal bool[] IsNumeric { get; }
    /// <summary>Reference minimum of each numeric column (0 for categorical ones).</summary>
    internal double[] Minimums { get; }
    /// <summary>Reference range of each numeric column (1 for categorical ones).</summary>
    internal double[] Ranges { get; }

    GowerDistance(IReadOnlyList<string> columns, bool[] isNumeric, double[] minimums, double[] ranges)
    {
        Columns = columns;
        IsNumeric = isNumeric;
        Minimums = minimums;
        Ranges = ranges;
    }

    /// <summary>
    /// Takes the numeric ranges from the real reference table (normally the training rows).
    /// The ranges are private statistics: they are used internally only, never released.
    /// </summary>
    public static GowerDistance FromReference(TabularData realReference)
    {
        var names = new List<string>();
        var isNumeric = new List<bool>();
        var minimums = new List<double>();
        var ranges = new List<double>();
        for (int c = 0; c < realReference.Schema.Columns.Count; c++)
        {
            var column = realReference.Schema.Columns[c];
            if (!column.IsModelled) continue;
            names.Add(column.Name);
            isNumeric.Add(column.IsNumeric);
            if (!column.IsNumeric) { minimums.Add(0); ranges.Add(1); continue; }
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var value in realReference.Numeric(c))
            {
                if (double.IsNaN(value)) continue;
                if (value < min) min = value;
                if (value > max) max = value;
            }
            bool usable = max > min && double.IsFinite(max - min);
            minimums.Add(usable ? min : (double.IsFinite(min) ? min : 0));
            ranges.Add(usable ? max - min : 1);
        }
        if (names.Count == 0) throw new InvalidInputException("The reference table has no modelled columns to compare.");
        return new GowerDistance(names, isNumeric.ToArray(), minimums.ToArray(), ranges.ToArray());
    }

    /// <summary>The distance between row rowA of table a and row rowB of table b (plain loop, double precision).</summary>
    public double Between(TabularData a, int rowA, TabularData b, int rowB)
    {
        var indexA = ColumnIndices(a, nameof(a));
        var indexB = ColumnIndices(b, nameof(b));
        double sum = 0;
        for (int c = 0; c < Columns.Count; c++)
            sum += IsNumeric[c]
                ? NumericTerm(a.Numeric(indexA[c])[rowA], b.Numeric(indexB[c])[rowB], Ranges[c])
                : (a.Labels(indexA[c])[rowA] == b.Labels(indexB[c])[rowB] ? 0 : 1);
        return sum / Columns.Count;
    }

    internal static double NumericTerm(double x, double y, double range)
    {
        bool xMissing = double.IsNaN(x), yMissing = double.IsNaN(y);
        if (xMissing || yMissing) return xMissing && yMissing ? 0 : 1;
        return Math.Min(Math.Abs(x - y) / range, 1);
    }

    /// <summary>Where each compared column sits in the given table; checks name and storage kind.</summary>
    internal int[] ColumnIndices(TabularData table, string tableName)
    {
        var indices = new int[Columns.Count];
        for (int c = 0; c < Columns.Count; c++)
        {
            int index = table.Schema.IndexOf(Columns[c]);
            if (index < 0)
                throw new InvalidInputException($"Table '{tableName}' lacks the compared column '{Columns[c]}'.");
            if (table.Schema.Columns[index].IsNumeric != IsNumeric[c])
                throw new InvalidInputException($"Column '{Columns[c]}' of table '{tableName}' is {(IsNumeric[c] ? "not numeric" : "numeric")}, unlike the reference.");
            indices[c] = index;
        }
        return indices;
    }
}
