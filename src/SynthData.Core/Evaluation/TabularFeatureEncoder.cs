using MathNet.Numerics.LinearAlgebra;
using SynthData.Core.Tabular;

namespace SynthData.Core.Evaluation;

/// <summary>
/// Turns table rows into a numeric design matrix for a linear model, fitted on a training table:
/// numeric columns standardised with the training mean and standard deviation (missing cells set
/// to 0, the mean, plus a 0/1 missing indicator when the training column has missing cells);
/// categorical columns one-hot over the labels seen in training (missing is a label when training
/// has it; a label unseen in training encodes as all zeros). Identifier, PII and excluded columns
/// are skipped.
/// </summary>
sealed class TabularFeatureEncoder
{
    sealed record ColumnEncoding(string Name, bool IsNumeric, int Width)
    {
        public double Mean { get; init; }
        public double StandardDeviation { get; init; } = 1;
        public bool MissingIndicator { get; init; }
        public Dictionary<string, int> LabelSlots { get; init; } = [];
        public int MissingSlot { get; init; } = -1;
    }

    readonly List<ColumnEncoding> _columns = [];
    public int FeatureCount { get; }

    public TabularFeatureEncoder(TabularData training, IReadOnlySet<string> excludedColumns)
    {
        for (int c = 0; c < training.Schema.Columns.Count; c++)
        {
            var schema = training.Schema.Columns[c];
            if (!schema.IsModelled || excludedColumns.Contains(schema.Name)) continue;
            if (schema.IsNumeric)
            {
                var present = training.Numeric(c).Where(x => !double.IsNaN(x)).ToArray();
                double mean = present.Length == 0 ? 0 : present.Average();
                double sd = present.Length < 2 ? 0 : Math.Sqrt(present.Sum(x => (x - mean) * (x - mean)) / present.Length);
                bool indicator = present.Length < training.RowCount;
                _columns.Add(new ColumnEncoding(schema.Name, true, indicator ? 2 : 1)
                {
                    Mean = mean,
                    StandardDeviation = sd > 0 ? sd : 1,
                    MissingIndicator = indicator,
                });
            }
            else
            {
                var slots = new Dictionary<string, int>(StringComparer.Ordinal);
                bool hasMissing = false;
                foreach (var label in training.Labels(c))
                {
                    if (label is null) hasMissing = true;
                    else slots.TryAdd(label, slots.Count);
                }
                _columns.Add(new ColumnEncoding(schema.Name, false, slots.Count + (hasMissing ? 1 : 0))
                {
                    LabelSlots = slots,
                    MissingSlot = hasMissing ? slots.Count : -1,
                });
            }
        }
        FeatureCount = _columns.Sum(c => c.Width);
    }

    /// <summary>The design matrix of the given rows of a table holding the training columns (matched by name).</summary>
    public Matrix<double> Encode(TabularData table, IReadOnlyList<int> rows)
    {
        var matrix = Matrix<double>.Build.Dense(rows.Count, FeatureCount);
        int offset = 0;
        foreach (var column in _columns)
        {
            int index = table.Schema.IndexOf(column.Name);
            if (index < 0 || table.Schema.Columns[index].IsNumeric != column.IsNumeric)
                throw new InvalidInputException($"The table lacks a {(column.IsNumeric ? "numeric" : "label")} column '{column.Name}'.");
            if (column.IsNumeric)
            {
                var values = table.Numeric(index);
                for (int i = 0; i < rows.Count; i++)
                {
                    double x = values[rows[i]];
                    bool missing = double.IsNaN(x);
                    matrix[i, offset] = missing ? 0 : (x - column.Mean) / column.StandardDeviation;
                    if (column.MissingIndicator && missing) matrix[i, offset + 1] = 1;
                }
            }
            else
            {
                var labels = table.Labels(index);
                for (int i = 0; i < rows.Count; i++)
                {
                    var label = labels[rows[i]];
                    int slot = label is null ? column.MissingSlot : column.LabelSlots.GetValueOrDefault(label, -1);
                    if (slot >= 0) matrix[i, offset + slot] = 1;
                }
            }
            offset += column.Width;
        }
        return matrix;
    }
}
