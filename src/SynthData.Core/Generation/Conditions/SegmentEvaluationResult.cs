namespace SynthData.Core.Generation.Conditions;

/// <summary>The outcome of <see cref="SegmentEvaluation.Run"/>.</summary>
/// <param name="ConditionalRows">Rows of the conditional sample.</param>
/// <param name="Violations">Conditional rows that break a condition (0 unless the sampler is wrong).</param>
/// <param name="ReferenceDraws">Unconditional rows drawn.</param>
/// <param name="ReferenceRows">Rows of the unconditional sample inside the segment: the reference.</param>
/// <param name="Columns">One comparison per compared column.</param>
/// <param name="Statistics">How the conditional generation went (draws, blocks, ESS).</param>
/// <param name="FamilyAlpha">The false-alarm rate of all column tolerances together.</param>
public sealed record SegmentEvaluationResult(int ConditionalRows, int Violations, long ReferenceDraws, int ReferenceRows,
    IReadOnlyList<MarginalComparison> Columns, SegmentStatistics Statistics, double FamilyAlpha)
{
    /// <summary>The model's share of the segment, as rejection sampling measured it.</summary>
    public double SegmentShare => ReferenceDraws == 0 ? 0 : (double)ReferenceRows / ReferenceDraws;
}
