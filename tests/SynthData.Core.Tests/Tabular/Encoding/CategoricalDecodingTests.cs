using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Tests.Tabular.Encoding;

/// <summary>How Decode draws labels from the model's probabilities (one uniform draw per cell).</summary>
public class CategoricalDecodingTests
{
    static readonly ColumnSchema Colour = new() { Name = "colour", Kind = ColumnKind.Categorical, Categories = ["red", "green", "blue"] };
    static readonly ColumnSchema Job = new() { Name = "job", Kind = ColumnKind.Categorical, Nullable = true };

    // colour: red, green, blue, other (declared list: "other" can never be drawn); job: a, b, other, missing.
    static TableTransformer Transformer() => new([
        new FittedColumn(Colour, null, CategoryVocabulary.Create(["red", "green", "blue"], "other", hasMissing: false)),
        new FittedColumn(Job, null, CategoryVocabulary.Create(["a", "b"], "other", hasMissing: true)),
    ]);

    /// <summary>Even rows and odd rows get different weights (unnormalised), so a row mix-up would show.</summary>
    static float[] Output(int rows, float[] evenRow, float[] oddRow)
    {
        var output = new float[rows * evenRow.Length];
        for (int r = 0; r < rows; r++) (r % 2 == 0 ? evenRow : oddRow).CopyTo(output, r * evenRow.Length);
        return output;
    }

    [Fact]
    public void Each_label_is_drawn_in_proportion_to_its_weight()
    {
        const int n = 40_000;
        //                  red green blue other |  a    b  other missing
        float[] even = [6, 3, 1, 5, /**/ 2, 2, 0, 4];
        float[] odd = [0, 1, 1, 0, /**/ 0, 1, 3, 0];
        var decoded = Transformer().Decode(Output(n, even, odd), n, new Random(7));

        var colours = decoded.Labels("colour");
        var jobs = decoded.Labels("job");
        // Declared colours: "other" (weight 5 on even rows) is dropped, so even rows draw 6:3:1 and odd rows 0:1:1.
        AssertShare(Enumerable.Range(0, n).Count(r => r % 2 == 0 && colours[r] == "red"), n / 2, 0.6);
        AssertShare(Enumerable.Range(0, n).Count(r => r % 2 == 0 && colours[r] == "blue"), n / 2, 0.1);
        AssertShare(Enumerable.Range(0, n).Count(r => r % 2 == 1 && colours[r] == "green"), n / 2, 0.5);
        Assert.DoesNotContain("other", colours);
        Assert.DoesNotContain(Enumerable.Range(0, n), r => r % 2 == 1 && colours[r] == "red");
        // Job's "other" is a possible label (no declared list): it keeps its weight; the last slot is missing.
        AssertShare(Enumerable.Range(0, n).Count(r => r % 2 == 0 && jobs[r] is null), n / 2, 0.5);
        AssertShare(Enumerable.Range(0, n).Count(r => r % 2 == 0 && jobs[r] == "a"), n / 2, 0.25);
        AssertShare(Enumerable.Range(0, n).Count(r => r % 2 == 1 && jobs[r] == "other"), n / 2, 0.75);
        Assert.DoesNotContain(Enumerable.Range(0, n), r => r % 2 == 1 && (jobs[r] is null || jobs[r] == "a"));
    }

    /// <summary>
    /// Each count is Binomial(rows, p): its share has standard error sqrt(p(1-p)/rows). Four standard errors
    /// leave a false failure chance of about 6e-5 per check, fixed anyway by the seed.
    /// </summary>
    static void AssertShare(int hits, int rows, double p)
    {
        double tolerance = 4 * Math.Sqrt(p * (1 - p) / rows);
        Assert.InRange(hits / (double)rows, p - tolerance, p + tolerance);
    }

    [Fact]
    public void A_declared_column_falls_back_to_other_only_when_nothing_else_has_mass()
    {
        float[] onlyOther = [0, 0, float.NaN, 2, /**/ 1, 0, 0, 0];
        float[] nothing = [0, -1, 0, 0, /**/ 1, 0, 0, 0];
        var decoded = Transformer().Decode(Output(10, onlyOther, onlyOther), 10, new Random(1));
        Assert.All(decoded.Labels("colour"), label => Assert.Equal("other", label));

        var error = Assert.Throws<ArgumentException>(() => Transformer().Decode(nothing, 1, new Random(1)));
        Assert.Contains("no positive probability", error.Message);
    }

    [Fact]
    public void Decoding_from_a_reused_longer_buffer_matches_an_exact_array_with_the_same_seed()
    {
        const int rows = 500;
        var transformer = Transformer();
        var rng = new Random(3);
        var output = new float[rows * transformer.Width];
        for (int i = 0; i < output.Length; i++) output[i] = (float)rng.NextDouble();
        var longer = new float[output.Length + 5 * transformer.Width];
        output.CopyTo(longer, 0);
        Array.Fill(longer, float.NaN, output.Length, longer.Length - output.Length); // must not be read

        var exact = transformer.Decode(output, rows, new Random(11));
        var reused = transformer.Decode(longer.AsSpan(), rows, new Random(11));

        Assert.Equal(exact.Labels("colour"), reused.Labels("colour"));
        Assert.Equal(exact.Labels("job"), reused.Labels("job"));
        Assert.Throws<ArgumentException>(() => transformer.Decode(longer, rows, new Random(11))); // the array overload wants the exact size
    }
}
