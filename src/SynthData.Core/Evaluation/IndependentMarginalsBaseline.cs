using SynthData.Core.Tabular;

namespace SynthData.Core.Evaluation;

/// <summary>
/// A benchmark baseline generator: every modelled column is sampled independently, with
/// replacement, from the real column's cells (its empirical marginal, missing cells included), so
/// per-column shapes are kept and all relations between columns are lost. Identifier and PII
/// columns are left missing.
/// <para>
/// NOT PRIVATE: it copies real cell values verbatim and spends no privacy budget. Use it only to
/// benchmark metrics and audits; never release its output.
/// </para>
/// </summary>
public static class IndependentMarginalsBaseline
{
    /// <summary>Draws <paramref name="rows"/> rows, each modelled cell independently from the real column, seeded by <paramref name="seed"/>.</summary>
    public static TabularData Sample(TabularData real, int rows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (rows > 0 && real.RowCount == 0) throw new InvalidInputException("Cannot sample from a table with no rows.");
        var random = new Random(seed);
        var columns = new object[real.Schema.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            var schema = real.Schema.Columns[c];
            if (schema.IsNumeric)
            {
                var source = real.Numeric(c);
                columns[c] = schema.IsModelled
                    ? Enumerable.Range(0, rows).Select(_ => source[random.Next(source.Length)]).ToArray()
                    : Enumerable.Repeat(double.NaN, rows).ToArray();
            }
            else
            {
                var source = real.Labels(c);
                columns[c] = schema.IsModelled
                    ? Enumerable.Range(0, rows).Select(_ => source[random.Next(source.Length)]).ToArray()
                    : new string?[rows];
            }
        }
        return new TabularData(real.Schema, columns);
    }
}
