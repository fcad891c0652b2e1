using System.Text;
using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.Leakage;

/// <summary>
/// Exact row identity over the compared (modelled) columns: one in-memory key per row built from
/// the numbers' bit patterns and the labels. Keys are used for set membership only, never written out.
/// </summary>
static class RowKeys
{
    public static string[] Build(TabularData table, IReadOnlyList<string> columns)
    {
        var indices = columns.Select(name =>
        {
            int index = table.Schema.IndexOf(name);
            return index >= 0 ? index : throw new InvalidInputException($"A table lacks the compared column '{name}'.");
        }).ToArray();
        var keys = new string[table.RowCount];
        var builder = new StringBuilder();
        for (int row = 0; row < table.RowCount; row++)
        {
            builder.Clear();
            foreach (int c in indices)
            {
                if (table.Schema.Columns[c].IsNumeric)
                {
                    double value = table.Numeric(c)[row];
                    builder.Append(double.IsNaN(value) ? "N" : BitConverter.DoubleToInt64Bits(value + 0.0).ToString("x"));
                }
                else
                {
                    var label = table.Labels(c)[row];
                    // Length prefix keeps keys unambiguous whatever the labels contain.
                    builder.Append(label is null ? "-" : $"{label.Length}:{label}");
                }
                builder.Append('|');
            }
            keys[row] = builder.ToString();
        }
        return keys;
    }
}
