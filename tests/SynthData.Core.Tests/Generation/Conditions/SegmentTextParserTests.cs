using SynthData.Core.Generation.Conditions;
using Xunit;

namespace SynthData.Core.Tests.Generation.Conditions;

public sealed class SegmentTextParserTests
{
    [Fact]
    public void Every_condition_form_parses_to_its_typed_condition()
    {
        Assert.Equal(new InSetCondition("job", ["student"]).Describe(), SegmentTextParser.ParseCondition("job = student").Describe());
        var set = Assert.IsType<InSetCondition>(SegmentTextParser.ParseCondition("job in (student, 'self-employed', \"a, b\")"));
        Assert.Equal(["student", "self-employed", "a, b"], set.Values);
        var between = Assert.IsType<RangeCondition>(SegmentTextParser.ParseCondition("age between 18 and 25"));
        Assert.Equal((new RangeBound(18, true), new RangeBound(25, true), false), (between.Min!.Value, between.Max!.Value, between.IsDateTime));
        var below = Assert.IsType<RangeCondition>(SegmentTextParser.ParseCondition("balance < 0"));
        Assert.Equal((null, new RangeBound(0, false)), (below.Min, below.Max!.Value));
        var atLeast = Assert.IsType<RangeCondition>(SegmentTextParser.ParseCondition("duration_min >= 1.5"));
        Assert.Equal(new RangeBound(1.5, true), atLeast.Min);
        var dates = Assert.IsType<RangeCondition>(SegmentTextParser.ParseCondition("contact_date between 2009-01-01 and 2009-06-30"));
        Assert.True(dates.IsDateTime);
        Assert.Equal(new DateTimeOffset(2009, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), dates.Min!.Value.Value);
        Assert.Equal(new MissingCondition("contact", true), SegmentTextParser.ParseCondition("contact is missing"));
        Assert.Equal(new MissingCondition("contact", false), SegmentTextParser.ParseCondition("contact IS NOT MISSING"));
    }

    [Fact]
    public void Proportions_take_a_share_or_a_percentage()
    {
        Assert.Equal(new TargetProportion("y", "yes", 0.5), SegmentTextParser.ParseProportion("y = yes: 0.5"));
        Assert.Equal(new TargetProportion("y", "yes", 0.25), SegmentTextParser.ParseProportion("y=yes:25%"));
    }

    [Theory]
    [InlineData("age between 30 and 20", "lower end")]
    [InlineData("age between 18 and 2009-01-01", "both ends")]
    [InlineData("age < twelve", "neither a number nor a date")]
    [InlineData("job", "expected COLUMN = VALUE")]
    [InlineData("job in ()", "'in' needs a list")]
    public void Malformed_conditions_say_what_was_expected(string text, string expected)
    {
        var e = Assert.Throws<SegmentSyntaxException>(() => SegmentTextParser.ParseCondition(text));
        Assert.Contains(expected, e.Message);
        Assert.Contains(text, e.Message);
    }

    [Theory]
    [InlineData("y = yes")]
    [InlineData("y = yes: half")]
    [InlineData("age < 3: 0.5")]
    public void Malformed_proportions_are_refused(string text) =>
        Assert.Throws<SegmentSyntaxException>(() => SegmentTextParser.ParseProportion(text));
}
