namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// The cell is none of these labels (and may be missing): the remainder stratum of a rebalancing request, the rows
/// whose value is not among the listed proportions. Built by <see cref="SegmentCompiler"/>, not by requests.
/// </summary>
/// <param name="Column">The column the condition is on.</param>
/// <param name="Values">The labels excluded.</param>
internal sealed record NotInSetCondition(string Column, IReadOnlyList<string> Values) : SegmentCondition(Column)
{
    public override string Describe() => $"{Column} not in ({string.Join(", ", Values)})";
}
