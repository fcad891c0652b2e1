using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.Canaries;

/// <summary>Stacks the rows of two tables with the same schema (training rows followed by canaries).</summary>
public static class TableConcatenation
{
    /// <summary>Returns a new table with the rows of <paramref name="first"/> followed by those of <paramref name="second"/>.</summary>
    public static TabularData Append(TabularData first, TabularData second)
    {
        if (first.Schema.Columns.Count != second.Schema.Columns.Count)
            throw new ArgumentException("Both tables must have the same columns.");
        var columns = new List<object>(first.Schema.Columns.Count);
        for (int c = 0; c < first.Schema.Columns.Count; c++)
            columns.Add(first.Schema.Columns[c].IsNumeric
                ? first.Numeric(c).Concat(second.Numeric(c)).ToArray()
                : first.Labels(c).Concat(second.Labels(c)).ToArray());
        return new TabularData(first.Schema, columns);
    }
}
