using System.Text.Json;
using System.Text.Json.Serialization;
using SynthData.Core.Model;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Tabular.Encoding;

/// <summary>
/// Turns the modelled columns of a table into the model's row vectors and back. Numeric columns
/// (continuous, integer, datetime) become one quantile-normal score (a Gaussian block), plus a
/// 2-wide present/missing Categorical block when nullable (missing cells score 0, the mean).
/// Label columns become one one-hot Categorical block over their <see cref="CategoryVocabulary"/>.
/// Fitting reads private rows only through accounted DP mechanisms; the layout depends only on
/// the public schema and DP outputs.
/// </summary>
public sealed class TableTransformer
{
    const int FormatVersion = 1;

    public IReadOnlyList<FittedColumn> Columns { get; }
    public EncodedLayout Layout { get; }
    /// <summary>The schema of decoded tables: the modelled columns, in the training schema's order.</summary>
    public TableSchema OutputSchema { get; }
    public int Width => Layout.Width;

    readonly int[] _offsets;

    public TableTransformer(IReadOnlyList<FittedColumn> columns)
    {
        foreach (var c in columns)
            if ((c.Numeric is null) == (c.Categories is null) || (c.Numeric is not null) != c.Schema.IsNumeric)
                throw new ArgumentException($"Column '{c.Schema.Name}' needs a quantile transform (numeric) or a vocabulary (labels), not both.");
        Columns = columns.ToArray();
        OutputSchema = new TableSchema(Columns.Select(c => c.Schema).ToArray());
        _offsets = new int[Columns.Count];
        var blocks = new List<EncodedBlock>();
        int offset = 0;
        for (int i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            _offsets[i] = offset;
            if (c.Numeric is not null)
            {
                blocks.Add(new EncodedBlock(c.Schema.Name, BlockKind.Gaussian, offset, 1));
                if (c.Schema.Nullable) blocks.Add(new EncodedBlock(c.Schema.Name, BlockKind.Categorical, offset + 1, 2));
            }
            else
            {
                blocks.Add(new EncodedBlock(c.Schema.Name, BlockKind.Categorical, offset, c.Width));
            }
            offset += c.Width;
        }
        Layout = new EncodedLayout(blocks);
    }

    /// <summary>
    /// Fits the transformer to the modelled columns of the training rows, following
    /// <see cref="PreprocessingPlan.For"/>. Returns one record per DP mechanism that ran (empty when
    /// every bound and category list is declared).
    /// </summary>
    public static (TableTransformer Transformer, IReadOnlyList<MechanismRecord> Records) Fit(
        TabularData trainingRows, PreprocessingOptions options, INoiseSource noise)
    {
        var plan = PreprocessingPlan.For(trainingRows.Schema, options);
        var records = new List<MechanismRecord>();
        var fitted = new List<FittedColumn>();
        foreach (var column in plan.Columns)
        {
            var schema = column.Column;
            int index = trainingRows.Schema.IndexOf(schema.Name);
            switch (column.Treatment)
            {
                case ColumnTreatment.DeclaredCategories:
                    fitted.Add(new FittedColumn(schema, null,
                        CategoryVocabulary.Create(schema.Categories!, options.OtherLabel, schema.Nullable)));
                    break;
                case ColumnTreatment.DpCategories:
                {
                    var histogram = DpCategoryHistogram.WithThresholdDelta(options.CategoryNoiseMultiplier, options.CategoryThresholdDelta);
                    var release = histogram.Release(trainingRows.Labels(index), noise, schema.Name);
                    records.Add(release.Record);
                    fitted.Add(new FittedColumn(schema, null,
                        CategoryVocabulary.Create(release.Value.Labels, options.OtherLabel, schema.Nullable)));
                    break;
                }
                case ColumnTreatment.DeclaredBounds:
                    fitted.Add(new FittedColumn(schema, LinearTransform(schema.Min!.Value, schema.Max!.Value, options), null));
                    break;
                case ColumnTreatment.DpQuantilesWithinDeclaredBounds:
                case ColumnTreatment.DpQuantiles:
                {
                    var (transform, record) = FitQuantiles(schema, column.Treatment, trainingRows.Numeric(index), options, noise);
                    records.Add(record);
                    fitted.Add(new FittedColumn(schema, transform, null));
                    break;
                }
            }
        }
        return (new TableTransformer(fitted), records);
    }

    static QuantileTransform LinearTransform(double min, double max, PreprocessingOptions options) =>
        min == max ? new QuantileTransform([min], [0.5], options.NormalScoreClip)
                   : new QuantileTransform([min, max], [0.0, 1.0], options.NormalScoreClip);

    /// <summary>
    /// The public grid of a column's DP histogram. Integer columns get a point bin per integer (between declared
    /// bounds when there are at most <see cref="HistogramGrid.MaxIntegerBins"/>, else for small magnitudes before
    /// log bins), so values held by many rows come back exactly; others an even grid within declared bounds or a
    /// symmetric log grid.
    /// </summary>
    internal static HistogramGrid GridFor(ColumnSchema schema, bool declared, PreprocessingOptions options)
    {
        bool integer = schema.Kind == ColumnKind.Integer;
        if (declared)
        {
            double min = schema.Min!.Value, max = schema.Max!.Value;
            return integer && max - min < HistogramGrid.MaxIntegerBins && Math.Ceiling(min) <= Math.Floor(max)
                ? HistogramGrid.Integers((long)Math.Ceiling(min), (long)Math.Floor(max))
                : HistogramGrid.Uniform(min, max, options.DeclaredBoundsBins);
        }
        return integer ? HistogramGrid.IntegersThenLog(binsPerDecade: options.LogGridBinsPerDecade) : HistogramGrid.SymmetricLog(options.LogGridBinsPerDecade);
    }

    static (QuantileTransform, MechanismRecord) FitQuantiles(ColumnSchema schema, ColumnTreatment treatment, double[] values,
        PreprocessingOptions options, INoiseSource noise)
    {
        bool declared = treatment == ColumnTreatment.DpQuantilesWithinDeclaredBounds;
        int k = options.QuantileKnots;
        // Declared bounds: knots span the whole CDF [0, 1] with the ends pinned to Min and Max.
        // Otherwise the outermost knots are the DP bound quantiles (outliers beyond are clipped).
        double first = declared ? 0.0 : options.LowerBoundLevel;
        double last = declared ? 1.0 : options.UpperBoundLevel;
        var levels = Enumerable.Range(0, k).Select(j => first + (last - first) * j / (k - 1)).ToArray();
        var grid = GridFor(schema, declared, options);
        var release = new DpQuantiles(options.QuantileNoiseMultiplier).Release(values, grid, levels, noise, schema.Name);
        var knots = release.Value;
        if (declared)
        {
            knots[0] = schema.Min!.Value;
            knots[^1] = schema.Max!.Value;
        }
        // A single declared bound still limits the DP knots.
        for (int j = 0; j < knots.Length; j++)
            knots[j] = Math.Clamp(knots[j], schema.Min ?? double.NegativeInfinity, schema.Max ?? double.PositiveInfinity);
        return (new QuantileTransform(knots, levels, options.NormalScoreClip), release.Record);
    }

    /// <summary>All rows encoded, row-major: RowCount x <see cref="Width"/>.</summary>
    /// <param name="dequantize">
    /// When given, numbers are dequantised for training: an integer gets a random level within the
    /// band that decodes back to it (see <see cref="QuantileTransform.ToNormalBand"/>), and tied or
    /// out-of-bounds values a random level within their range (see <see cref="QuantileTransform.ToNormal"/>). Null encodes deterministically.
    /// </param>
    public float[] Encode(TabularData data, Random? dequantize = null)
    {
        var encoded = new float[(long)data.RowCount * Width];
        Encode(data, 0, data.RowCount, encoded, dequantize);
        return encoded;
    }

    /// <summary>Rows [startRow, startRow + rowCount) encoded into destination (row-major), for batched streaming.</summary>
    public void Encode(TabularData data, int startRow, int rowCount, Span<float> destination, Random? dequantize = null)
    {
        if (startRow < 0 || rowCount < 0 || startRow + rowCount > data.RowCount) throw new ArgumentOutOfRangeException(nameof(rowCount));
        if (destination.Length < (long)rowCount * Width) throw new ArgumentException("Destination is too small.", nameof(destination));
        destination[..(rowCount * Width)].Clear();
        for (int i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            string name = column.Schema.Name;
            int index = data.Schema.IndexOf(name);
            if (index < 0) throw new InvalidInputException($"The table has no column '{name}', which the transformer encodes.");
            int offset = _offsets[i];
            if (column.Numeric is { } transform)
            {
                if (!data.Schema.Columns[index].IsNumeric) throw new InvalidInputException($"Column '{name}' must be numeric.");
                var cells = data.Numeric(index);
                for (int r = 0; r < rowCount; r++)
                {
                    int row = startRow + r;
                    var slot = destination.Slice(r * Width + offset, column.Width);
                    double x = cells[row];
                    if (double.IsNaN(x))
                    {
                        if (!column.Schema.Nullable) throw MissingInNonNullable(name, row);
                        slot[2] = 1f; // value stays 0 (the mean score); indicator = missing
                    }
                    else
                    {
                        if (dequantize is null)
                            slot[0] = (float)transform.ToNormal(x);
                        else
                        {
                            slot[0] = (float)(column.Schema.Kind == ColumnKind.Integer
                                ? transform.ToNormalBand(x - 0.5, x + 0.5, dequantize.NextDouble())
                                : transform.ToNormal(x, dequantize.NextDouble()));
                        }
                        if (column.Schema.Nullable) slot[1] = 1f;
                    }
                }
            }
            else
            {
                var vocabulary = column.Categories!;
                if (data.Schema.Columns[index].IsNumeric) throw new InvalidInputException($"Column '{name}' must hold labels.");
                var cells = data.Labels(index);
                for (int r = 0; r < rowCount; r++)
                {
                    int row = startRow + r;
                    int s = vocabulary.SlotOf(cells[row]);
                    if (s < 0) throw MissingInNonNullable(name, row);
                    destination[r * Width + offset + s] = 1f;
                }
            }
        }
    }

    /// <summary>Where a modelled column's block starts in the encoded row vector.</summary>
    public int OffsetOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Schema.Name == column) return _offsets[i];
        throw new ArgumentException($"The transformer does not encode a column '{column}'.", nameof(column));
    }

    /// <summary>The value a numeric column's score decodes to (clamped, rounded as <see cref="Decode(float[], int, Random)"/> rounds).</summary>
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

    static InvalidDataException MissingInNonNullable(string column, int row) =>
        new($"Column '{column}', row {row}: the cell is missing but the column is not declared nullable.");

    /// <summary>
    /// Decodes model output (row-major rows x <see cref="Width"/>): Gaussian blocks hold sampled
    /// normal scores, mapped back through the quantile transform and clamped to the bounds
    /// (integers and datetime seconds rounded); Categorical blocks hold non-negative, not
    /// necessarily normalised probabilities, from which a slot is sampled with rng.
    /// </summary>
    public TabularData Decode(float[] modelOutput, int rows, Random rng)
    {
        if (rows < 0 || modelOutput.Length != (long)rows * Width)
            throw new ArgumentException($"Expected {rows} x {Width} model outputs, got {modelOutput.Length}.", nameof(modelOutput));
        return Decode(modelOutput.AsSpan(), rows, rng);
    }

    /// <summary>As <see cref="Decode(float[], int, Random)"/>, from a buffer that may be longer than rows x Width (reused across chunks).</summary>
    public TabularData Decode(ReadOnlySpan<float> modelOutput, int rows, Random rng)
    {
        if (rows < 0 || modelOutput.Length < (long)rows * Width)
            throw new ArgumentException($"Expected at least {rows} x {Width} model outputs, got {modelOutput.Length}.", nameof(modelOutput));
        modelOutput = modelOutput[..(rows * Width)];
        // Columns in order and rows in order within a column: the order of rng draws is part of the
        // seeded output, so any change to it changes every generated table.
        var columns = new object[Columns.Count];
        for (int i = 0; i < Columns.Count; i++)
            columns[i] = Columns[i].Numeric is { } transform
                ? DecodeNumbers(Columns[i], transform, modelOutput, _offsets[i], rows, rng)
                : DecodeLabels(Columns[i], modelOutput, _offsets[i], rows, rng);
        return new TabularData(OutputSchema, columns);
    }

    double[] DecodeNumbers(FittedColumn column, QuantileTransform transform, ReadOnlySpan<float> modelOutput, int offset, int rows, Random rng)
    {
        var schema = column.Schema;
        var (rounds, resolution) = Rounding(schema);
        bool nullable = schema.Nullable;
        int width = Width;
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

    string?[] DecodeLabels(FittedColumn column, ReadOnlySpan<float> modelOutput, int offset, int rows, Random rng)
    {
        var vocabulary = column.Categories!;
        int excluded = NeverSampledSlot(column);
        // Cells share the vocabulary's string instances: no string is allocated per cell.
        var slotLabels = new string?[column.Width];
        for (int s = 0; s < slotLabels.Length; s++) slotLabels[s] = vocabulary.LabelAt(s);
        int width = Width;
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

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialisable state: only the schema and declared or DP-released parameters.</summary>
    sealed record State(int FormatVersion, IReadOnlyList<FittedColumn> Columns);

    public string ToJson() => JsonSerializer.Serialize(new State(FormatVersion, Columns), JsonOptions);

    public static TableTransformer FromJson(string json)
    {
        var state = JsonSerializer.Deserialize<State>(json, JsonOptions) ?? throw new InvalidDataException("Empty transformer JSON.");
        if (state.FormatVersion != FormatVersion)
            throw new InvalidDataException($"Transformer JSON format {state.FormatVersion} is not supported (expected {FormatVersion}).");
        return new TableTransformer(state.Columns);
    }
}
