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

    /// <summary>The fitted modelled columns, in the training schema's order.</summary>
    public IReadOnlyList<FittedColumn> Columns { get; }
    /// <summary>Where each column's block sits in the encoded row vector.</summary>
    public EncodedLayout Layout { get; }
    /// <summary>The schema of decoded tables: the modelled columns, in the training schema's order.</summary>
    public TableSchema OutputSchema { get; }
    /// <summary>Length of an encoded row.</summary>
    public int Width => Layout.Width;

    readonly int[] _offsets;

    /// <summary>A transformer over fitted columns; each must carry numeric knots or categories, as its kind requires.</summary>
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

    /// <summary>Fits a transformer to the training rows with DP (see <see cref="TransformerFitting.Fit"/>).</summary>
    public static (TableTransformer Transformer, IReadOnlyList<MechanismRecord> Records) Fit(
        TabularData trainingRows, PreprocessingOptions options, INoiseSource noise) => TransformerFitting.Fit(trainingRows, options, noise);

    /// <summary>All rows encoded, row-major: RowCount x <see cref="Width"/>.</summary>
    /// <param name="data">The table to encode; it must hold the transformer's columns.</param>
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
                ? CellDecoding.Numbers(Columns[i], transform, modelOutput, Width, _offsets[i], rows, rng)
                : CellDecoding.Labels(Columns[i], modelOutput, Width, _offsets[i], rows, rng);
        return new TabularData(OutputSchema, columns);
    }

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialisable state: only the schema and declared or DP-released parameters.</summary>
    sealed record State(int FormatVersion, IReadOnlyList<FittedColumn> Columns);

    /// <summary>The transformer as JSON, for the model artifact.</summary>
    public string ToJson() => JsonSerializer.Serialize(new State(FormatVersion, Columns), JsonOptions);

    /// <summary>Reads a transformer written by <see cref="ToJson"/>; refuses another format version.</summary>
    public static TableTransformer FromJson(string json)
    {
        var state = JsonSerializer.Deserialize<State>(json, JsonOptions) ?? throw new InvalidDataException("Empty transformer JSON.");
        if (state.FormatVersion != FormatVersion)
            throw new InvalidDataException($"Transformer JSON format {state.FormatVersion} is not supported (expected {FormatVersion}).");
        return new TableTransformer(state.Columns);
    }
}
