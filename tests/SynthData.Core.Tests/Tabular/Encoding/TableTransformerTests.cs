using SynthData.Core.Model;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;
using static SynthData.Core.Tests.Tabular.Encoding.TransformerFixtures;

namespace SynthData.Core.Tests.Tabular.Encoding;

public class TableTransformerTests
{
    static readonly PreprocessingOptions Options = new() { CategoryNoiseMultiplier = 2, QuantileNoiseMultiplier = 2, CategoryThresholdDelta = 1e-6 };

    [Fact]
    public void LayoutHasOneBlockPerModelledColumnPlusMissingIndicators()
    {
        var (transformer, _) = TableTransformer.Fit(Table(3000, 1), Options, new SeededNoiseSource(1));

        Assert.Equal(["score", "count", "when", "colour", "flag", "income", "job"], transformer.OutputSchema.Columns.Select(c => c.Name));
        var blocks = transformer.Layout.Blocks;
        Assert.Equal(new EncodedBlock("score", BlockKind.Gaussian, 0, 1), blocks[0]);
        Assert.Equal(new EncodedBlock("count", BlockKind.Gaussian, 1, 1), blocks[1]);
        Assert.Equal(new EncodedBlock("when", BlockKind.Gaussian, 2, 1), blocks[2]);
        Assert.Equal(new EncodedBlock("colour", BlockKind.Categorical, 3, 4), blocks[3]); // red, green, blue, other
        Assert.Equal(new EncodedBlock("flag", BlockKind.Categorical, 7, 3), blocks[4]);   // no, yes, other
        Assert.Equal(new EncodedBlock("income", BlockKind.Gaussian, 10, 1), blocks[5]);
        Assert.Equal(new EncodedBlock("income", BlockKind.Categorical, 11, 2), blocks[6]);
        Assert.Equal(new EncodedBlock("job", BlockKind.Categorical, 13, 5), blocks[7]);  // 3 jobs, other, missing
        Assert.Equal(18, transformer.Width);
    }

    [Fact]
    public void EncodeThenDecodeOfOneHotOutputRestoresTypedValuesWithinBounds()
    {
        var table = Table(3000, 2);
        var (transformer, _) = TableTransformer.Fit(table, Options, new SeededNoiseSource(2));

        // Encoded categorical blocks are one-hot, so sampling them is deterministic.
        var decoded = transformer.Decode(transformer.Encode(table), table.RowCount, new Random(0));

        var score = Transform(transformer, "score");
        Assert.Equal((0.0, 100.0), (score.Lower, score.Upper));
        AssertNumericRoundTrip(table.Numeric("score"), decoded.Numeric("score"), score, whole: false);
        AssertNumericRoundTrip(table.Numeric("count"), decoded.Numeric("count"), Transform(transformer, "count"), whole: true);
        AssertNumericRoundTrip(table.Numeric("when"), decoded.Numeric("when"), Transform(transformer, "when"), whole: true);
        AssertNumericRoundTrip(table.Numeric("income"), decoded.Numeric("income"), Transform(transformer, "income"), whole: false);

        Assert.Equal(table.Labels("colour").Select(c => c == "purple" ? "other" : c), decoded.Labels("colour"));
        Assert.Equal(table.Labels("flag"), decoded.Labels("flag"));
        // The unique job label cannot pass the threshold (tau about 10.5 at sigma 2): it decodes as other.
        Assert.Equal(table.Labels("job").Select(j => j == "unique-secret-job" ? "other" : j), decoded.Labels("job"));
    }

    static QuantileTransform Transform(TableTransformer t, string name) => t.Columns.Single(c => c.Schema.Name == name).Numeric!;

    /// <summary>
    /// The quantile transform is piecewise linear with an exact inverse, so inside the bounds the
    /// only loss is storing the score z as float32: relative rounding 2^-24, so |dp| = phi(z)|dz|
    /// <= max(phi(z)|z|) 2^-24 < 2^-25, and |dx| <= |dp| * (largest segment width / level step).
    /// We allow twice that, plus 1 for rounding whole numbers. Outside the bounds values are clipped.
    /// </summary>
    static void AssertNumericRoundTrip(double[] original, double[] decoded, QuantileTransform transform, bool whole)
    {
        double inverseSlope = 0;
        for (int j = 0; j + 1 < transform.Values.Count; j++)
            inverseSlope = Math.Max(inverseSlope, (transform.Values[j + 1] - transform.Values[j]) / (transform.Levels[j + 1] - transform.Levels[j]));
        double tolerance = Math.Pow(2, -24) * inverseSlope + (whole ? 1 : 0);
        for (int r = 0; r < original.Length; r++)
        {
            if (double.IsNaN(original[r])) { Assert.True(double.IsNaN(decoded[r])); continue; }
            double clipped = Math.Clamp(original[r], transform.Lower, transform.Upper);
            if (whole) Assert.Equal(Math.Round(decoded[r]), decoded[r]);
            else Assert.InRange(decoded[r], transform.Lower, transform.Upper);
            Assert.InRange(decoded[r], clipped - tolerance, clipped + tolerance);
        }
    }

    [Fact]
    public void MissingShareSurvivesDecodingModelLikeProbabilities()
    {
        var table = Table(4000, 3);
        var (transformer, _) = TableTransformer.Fit(table, Options, new SeededNoiseSource(3));
        var encoded = transformer.Encode(table);
        int n = table.RowCount, width = transformer.Width;
        double incomeMissing = table.Numeric("income").Count(double.IsNaN) / (double)n;
        double jobMissing = table.Labels("job").Count(j => j is null) / (double)n;
        // Replace each row's indicator blocks with the training frequencies, as a well-fitted model would output.
        var jobBlock = transformer.Layout.Blocks.Single(b => b.Source == "job");
        var jobSlots = Enumerable.Range(0, jobBlock.Width)
            .Select(s => Enumerable.Range(0, n).Count(r => encoded[r * width + jobBlock.Offset + s] == 1f) / (double)n).ToArray();
        var modelOutput = (float[])encoded.Clone();
        for (int r = 0; r < n; r++)
        {
            modelOutput[r * width + 11] = (float)(1 - incomeMissing);
            modelOutput[r * width + 12] = (float)incomeMissing;
            for (int s = 0; s < jobBlock.Width; s++) modelOutput[r * width + jobBlock.Offset + s] = (float)jobSlots[s];
        }

        var decoded = transformer.Decode(modelOutput, n, new Random(42));

        // Each decoded cell is missing independently with probability p, so the share is
        // Binomial(n, p)/n with standard error sqrt(p(1-p)/n); accept within 4 standard errors.
        AssertShare(decoded.Numeric("income").Count(double.IsNaN), n, incomeMissing);
        AssertShare(decoded.Labels("job").Count(j => j is null), n, jobMissing);
    }

    static void AssertShare(int hits, int n, double p)
    {
        double tolerance = 4 * Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(hits / (double)n, p - tolerance, p + tolerance);
    }

    [Fact]
    public void RecordsAreThePlannedEventsOnePerDpColumn()
    {
        var table = Table(1000, 4);
        var (_, records) = TableTransformer.Fit(table, Options, new SeededNoiseSource(4));
        var plan = PreprocessingPlan.For(table.Schema, Options);

        Assert.Equal(["quantiles:score", "quantiles:count", "quantiles:when", "category_histogram:flag", "quantiles:income", "category_histogram:job"],
            records.Select(r => r.Name));
        Assert.Equal(plan.Events.Count, records.Count);
        for (int i = 0; i < records.Count; i++)
        {
            if (records[i].Event is ComposedEvent composed)
            {
                Assert.Equal(((ComposedEvent)plan.Events[i]).Events, composed.Events);
                Assert.Equal([new GaussianEvent(2), new ThresholdEvent(1e-6)], composed.Events);
            }
            else Assert.Equal(new GaussianEvent(2), records[i].Event);
        }
        Assert.DoesNotContain(records, r => r.Description.Contains("unique-secret-job"));
    }

    [Fact]
    public void DeclaredBoundsAndCategoriesCostNothing()
    {
        var schema = new TableSchema([
            Score,
            new ColumnSchema { Name = "count", Kind = ColumnKind.Integer, Min = 0, Max = 200 },
            new ColumnSchema { Name = "when", Kind = ColumnKind.DateTime, Min = 1_600_000_000, Max = 1_700_000_000 },
            Colour,
            new ColumnSchema { Name = "flag", Kind = ColumnKind.Boolean, Categories = ["yes", "no"] },
            Id]);
        var source = Table(500, 5);
        var table = new TabularData(schema, new[] { "score", "count", "when", "colour", "flag", "id" }.Select(c => source.Column(source.Schema.IndexOf(c))).ToArray());
        var options = Options with { QuantilesWithinDeclaredBounds = false };

        var (transformer, records) = TableTransformer.Fit(table, options, new ForbiddenNoise());

        Assert.Empty(records);
        Assert.Empty(PreprocessingPlan.For(schema, options).Events);
        var decoded = transformer.Decode(transformer.Encode(table), table.RowCount, new Random(1));
        AssertNumericRoundTrip(table.Numeric("count"), decoded.Numeric("count"), Transform(transformer, "count"), whole: true);
        AssertNumericRoundTrip(table.Numeric("when"), decoded.Numeric("when"), Transform(transformer, "when"), whole: true);
        Assert.Equal(table.Labels("flag"), decoded.Labels("flag"));
    }

    [Fact]
    public void DeclaredCategoriesGiveTheSameLayoutWhetherOrNotUnlistedLabelsOccur()
    {
        var schema = new TableSchema([Colour]);
        var withUnlisted = new TabularData(schema, [new string?[] { "red", "purple" }]);
        var withoutUnlisted = new TabularData(schema, [new string?[] { "red", "blue" }]);

        var a = TableTransformer.Fit(withUnlisted, Options, new ForbiddenNoise()).Transformer;
        var b = TableTransformer.Fit(withoutUnlisted, Options, new ForbiddenNoise()).Transformer;

        Assert.Equal(a.Layout.Blocks, b.Layout.Blocks);
        Assert.Equal(a.ToJson(), b.ToJson());
    }

    [Fact]
    public void JsonRoundTripGivesIdenticalEncodingsAndHoldsNoRawValues()
    {
        var table = Table(2000, 6);
        var (transformer, _) = TableTransformer.Fit(table, Options, new SeededNoiseSource(6));

        string json = transformer.ToJson();
        var restored = TableTransformer.FromJson(json);

        Assert.Equal(transformer.Encode(table), restored.Encode(table));
        Assert.Equal(transformer.Layout.Blocks, restored.Layout.Blocks);
        Assert.Equal(transformer.OutputSchema.Columns, restored.OutputSchema.Columns, (x, y) => x.Name == y.Name && x.Kind == y.Kind && x.Nullable == y.Nullable);
        Assert.DoesNotContain("unique-secret-job", json);
        Assert.DoesNotContain("row0", json);
    }

    [Fact]
    public void AMissingCellInANonNullableColumnIsRejectedWithoutItsValue()
    {
        var schema = new TableSchema([Flag]);
        var table = new TabularData(schema, [new string?[] { "yes", null }]);
        var transformer = new TableTransformer([new FittedColumn(Flag, null, CategoryVocabulary.Create(["yes", "no"], "other", false))]);

        var error = Assert.Throws<InvalidDataException>(() => transformer.Encode(table));
        Assert.Contains("'flag', row 1", error.Message);
    }
}
