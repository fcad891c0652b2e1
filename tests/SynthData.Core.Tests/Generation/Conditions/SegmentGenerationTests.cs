using SynthData.Core.Generation;
using SynthData.Core.Generation.Conditions;
using SynthData.Core.Tests.Model.Training;
using Xunit;

namespace SynthData.Core.Tests.Generation.Conditions;

/// <summary>
/// Conditional generation on the shared sample model (2 epochs on samples/bank-marketing.csv, reproducible mode):
/// every row meets its conditions, and the marginals of the other columns match the same segment of a rejection-sampled
/// unconditional sample from the same model (a different seed) within sampling error. The tolerance is derived in
/// <see cref="SegmentComparison"/>: per column, total variation within E[TV] + sqrt(h ln(1/alpha) / 2) (McDiarmid) and
/// KS within the two-sample critical value c(alpha) sqrt(h), h = D/n + 1/m with design effect D = 1.5, at a family-wise
/// alpha of 0.001 split over the columns (Bonferroni). Seeds are fixed and the tolerances were not tuned.
/// </summary>
public sealed class SegmentGenerationTests(SampleModelFixture fixture) : IClassFixture<SampleModelFixture>
{
    const double FamilyAlpha = 0.001;

    static SegmentCondition Where(string text) => SegmentTextParser.ParseCondition(text);

    SegmentEvaluationResult Evaluate(int rows, long referenceDraws, params string[] conditions) =>
        SegmentEvaluation.Run(fixture.Model, conditions.Select(Where).ToArray(), rows, referenceDraws, seed: 11, FamilyAlpha);

    static void AssertExact(SegmentEvaluationResult result)
    {
        Assert.Equal(0, result.Violations);
        Assert.NotEmpty(result.Columns);
        foreach (var column in result.Columns)
            Assert.True(column.WithinTolerance,
                $"{column.Column}: {column.Metric} {column.Distance:F4} above the tolerance {column.Tolerance:F4} (reference rows {result.ReferenceRows})");
    }

    [Fact]
    public void A_common_segment_matches_rejection_sampling()
    {
        var result = Evaluate(4_000, 40_000, "marital = single");
        Assert.InRange(result.SegmentShare, 0.03, 0.6); // several percent of the model's population
        AssertExact(result);
    }

    [Fact]
    public void A_rare_segment_matches_rejection_sampling()
    {
        var result = Evaluate(2_000, 400_000, "job = retired", "age between 18 and 28");
        Assert.True(result.SegmentShare < 0.005, $"the segment holds {result.SegmentShare:P3} of the model's rows: not rare");
        Assert.True(result.ReferenceRows >= 200, $"only {result.ReferenceRows} reference rows");
        AssertExact(result);
    }

    [Fact]
    public void A_two_column_segment_with_a_range_matches_rejection_sampling()
    {
        var result = Evaluate(4_000, 100_000, "marital in (single, divorced)", "duration_min < 5");
        AssertExact(result);
    }

    [Fact]
    public void Every_row_meets_ranges_missingness_and_sets_exactly()
    {
        var conditions = new[] { Where("age between 18 and 25"), Where("contact is missing"), Where("education is not missing"),
            Where("duration_min > 2.5"), Where("y in (yes)"), Where("contact_date between 2009-01-01 and 2009-06-30") };
        var generator = new SyntheticTableGenerator(fixture.Model, segment: new Segment(conditions, []));
        var rows = generator.Generate(3_000, seed: 5, chunkRows: 1_000).ToList();
        Assert.Equal(3_000, rows.Sum(r => r.RowCount));
        foreach (var chunk in rows) Assert.All(SegmentMembership.Matches(chunk, conditions), Assert.True);
        Assert.True(generator.SegmentStatistics!.MinEffectiveSampleSize >= SegmentStatistics.EffectiveSampleSizeThreshold);
    }

    [Fact]
    public void A_half_and_half_rebalance_gives_half_within_binomial_error()
    {
        const int rows = 6_000;
        var generator = new SyntheticTableGenerator(fixture.Model, segment: new Segment([], [new TargetProportion("y", "yes", 0.5)]));
        var labels = generator.Generate(rows, seed: 3, chunkRows: 2_500).SelectMany(chunk => chunk.Labels("y")).ToList();
        int yes = labels.Count(l => l == "yes");
        // A Binomial(6000, 0.5) count lies within 3.29 sd = 3.29 * sqrt(6000 / 4), about 127, of 3000 with probability 0.999;
        // strata are allotted by cumulative floors, so the count is 3000 to within one row.
        Assert.InRange(yes, rows / 2 - 127, rows / 2 + 127);
        Assert.InRange(yes, rows / 2 - 1, rows / 2 + 1);
        // The rows are interleaved, not grouped by stratum.
        Assert.InRange(labels.Take(200).Count(l => l == "yes"), 60, 140);
    }

    [Theory]
    [InlineData("job", "job = astronaut", "cannot produce")]
    [InlineData("email", "email = someone@example.com", "personal-data")]
    [InlineData("customer_id", "customer_id = C000002", "identifier")]
    [InlineData("age", "age > 150", "outside the values the model can produce")]
    [InlineData("age", "age between 30.2 and 30.4", "no value the model can produce")]
    [InlineData("marital", "marital is missing", "not nullable")]
    [InlineData("marital", "marital between 1 and 2", "not a range")]
    [InlineData("contact_date", "contact_date < 100", "datetime column")]
    [InlineData("nosuch", "nosuch = 1", "no such column")]
    public void Conditions_the_model_cannot_serve_are_refused_naming_the_column(string column, string condition, string problem)
    {
        var e = Assert.Throws<SegmentException>(() => new SyntheticTableGenerator(fixture.Model, segment: new Segment([Where("y = yes"), Where(condition)], [])));
        Assert.Equal(column, e.Column);
        Assert.Equal(1, e.Index);
        Assert.Contains($"column '{column}'", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Contradictions_and_bad_proportions_are_refused_naming_the_column()
    {
        var contradiction = Assert.Throws<SegmentException>(() => new SyntheticTableGenerator(fixture.Model, segment: new Segment([Where("y = yes"), Where("y = no")], [])));
        Assert.Equal("y", contradiction.Column);
        var split = Assert.Throws<SegmentException>(() => new SyntheticTableGenerator(fixture.Model,
            segment: new Segment([], [new TargetProportion("y", "yes", 0.7), new TargetProportion("y", "no", 0.6)])));
        Assert.Equal("y", split.Column);
        var numeric = Assert.Throws<SegmentException>(() => new SyntheticTableGenerator(fixture.Model, segment: new Segment([], [new TargetProportion("age", "30", 0.5)])));
        Assert.Equal("age", numeric.Column);
    }
}
