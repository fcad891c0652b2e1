using System.CommandLine;
using SynthData.Core.Generation.Conditions;

namespace SynthData.Cli.Options;

/// <summary>--where and --proportion: a segment request, read by Core's <see cref="SegmentTextParser"/>.</summary>
public sealed class SegmentOptions
{
    readonly Option<string[]> _where = new("--where")
    {
        Description = "a condition every row meets (repeat to AND them): \"job = student\", \"job in (student, retired)\", " +
                      "\"age between 18 and 25\", \"balance < 0\", \"contact_date >= 2009-01-01\", \"contact is missing\"",
        Arity = ArgumentArity.ZeroOrMore,
    };

    readonly Option<string[]> _proportion = new("--proportion")
    {
        Description = "a target share of one column's value, e.g. \"y = yes: 0.5\" (repeatable, one column)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string[]> Where => _where;

    public void AddTo(Command command, bool withProportions = true)
    {
        command.Add(_where);
        if (withProportions) command.Add(_proportion);
    }

    /// <summary>The parsed segment (empty when neither option was given).</summary>
    public Segment Parse(ParseResult parse) => new(
        (parse.GetValue(_where) ?? []).Select(SegmentTextParser.ParseCondition).ToArray(),
        (parse.GetValue(_proportion) ?? []).Select(SegmentTextParser.ParseProportion).ToArray());
}
