namespace SynthData.Core.Tabular.Encoding;

/// <summary>
/// From model output to cells: scores back through the quantile transform (clamped, integers and datetimes rounded),
/// categorical blocks sampled. Columns in order and rows in order within a column: the order of draws is part of the
/// seeded output.
/// </summary>
public static class CellDecoding
{
    /// <summary>The value a numeric column's score decodes to (clamped, rounded as <see cref="TableTransformer.Decode(float[], int, Random)"/> rounds).</summary>
    public static double DecodeScore(FittedColumn column, double score)
    {
        var (rounds, resolution) = Rounding(column.Schema);
        return Round(column.Numeric!.FromNormal(score), rounds, resolution);
    }

    static (bool Rounds, double Resolution) Rounding(ColumnSchema schema) =>
        // Dates declared without a time of day come back at midnight; other datetimes to the second.
        (schema.Kind is ColumnKind.Integer or ColumnKind.DateTime,
         schema.Kind == ColumnKind.DateTime && IsDateOnlyFormat(schema.DateTimeFormat) ? 86_400 : 1);

    static double Round(double x, bool rounds, double resolution) =>
        rounds ? Math.Round(x / resolution, MidpointRounding.AwayFromZero) * resolution : x;

    /// <summary>
    /// The slot a label column's decoding never samples (-1: none): with a declared label set (or a boolean) the
    /// loader refuses any other label, so the "other" slot never holds a training row and is kept only in the layout.
    /// </summary>
    public static int NeverSampledSlot(FittedColumn column)
    {
        var vocabulary = column.Categories!;
        bool otherPossible = column.Schema.Kind != ColumnKind.Boolean && column.Schema.Categories is null
                             || column.Schema.Categories?.Contains(vocabulary.LabelAt(vocabulary.OtherIndex)) == true;
        return otherPossible ? -1 : vocabulary.OtherIndex;
    }

    /// <summary>A numeric column's cells from the model output's Gaussian (and present/missing) blocks.</summary>
    internal static double[] Numbers(FittedColumn column, QuantileTransform transform, ReadOnlySpan<float> modelOutput, int width, int offset, int rows, Random rng)
    {
        var schema = column.Schema;
        var (rounds, resolution) = Rounding(schema);
        bool nullable = schema.Nullable;
        var values = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            int at = r * width + offset;
            if (nullable && SampleSlot(modelOutput.Slice(at + 1, 2), -1, rng, schema.Name, r) == 1)
            {
                values[r] = double.NaN;
                continue;
            }
            double x = transform.FromNormal(modelOutput[at]);
            values[r] = Round(x, rounds, resolution);
        }
        return values;
    }

    /// <summary>A label column's cells, each sampled from its categorical block.</summary>
    internal static string?[] Labels(FittedColumn column, ReadOnlySpan<float> modelOutput, int width, int offset, int rows, Random rng)
    {
        var vocabulary = column.Categories!;
        int excluded = NeverSampledSlot(column);
        // Cells share the vocabulary's string instances: no string is allocated per cell.
        var slotLabels = new string?[column.Width];
        for (int s = 0; s < slotLabels.Length; s++) slotLabels[s] = vocabulary.LabelAt(s);
        var labels = new string?[rows];
        for (int r = 0; r < rows; r++)
            labels[r] = slotLabels[SampleSlot(modelOutput.Slice(r * width + offset, slotLabels.Length), excluded, rng, column.Schema.Name, r)];
        return labels;
    }

    static bool IsDateOnlyFormat(string? format) =>
        format is not null && format.IndexOfAny(['H', 'h', 'm', 's', 'f', 'T']) < 0;

    /// <summary>
    /// Samples an index with probability proportional to its weight (negative and NaN weights count as 0),
    /// with one uniform draw. The <paramref name="excluded"/> slot (-1: none) gets weight 0 unless no other
    /// slot has any, in which case it is the answer.
    /// </summary>
    static int SampleSlot(ReadOnlySpan<float> weights, int excluded, Random rng, string column, int row)
    {
        double total = 0;
        bool excludedHasMass = false;
        for (int i = 0; i < weights.Length; i++)
        {
            float w = weights[i];
            if (!(w > 0 && float.IsFinite(w))) continue;
            if (i == excluded) excludedHasMass = true;
            else total += w;
        }
        if (!(total > 0))
        {
            if (!excludedHasMass)
                throw new ArgumentException($"Model output row {row}, column '{column}': no positive probability in a categorical block.");
            rng.NextDouble(); // a draw per cell all the same, so later cells keep their draws
            return excluded;
        }
        double u = rng.NextDouble() * total;
        int lastPositive = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            float w = weights[i];
            if (i == excluded || !(w > 0 && float.IsFinite(w))) continue;
            lastPositive = i;
            u -= w;
            if (u < 0) return i;
        }
        return lastPositive; // rounding left u at or just above 0
    }
}
