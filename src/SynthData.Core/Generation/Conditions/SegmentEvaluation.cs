using SynthData.Core.Model;
using SynthData.Core.Tabular;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// The evidence that conditional generation is exact: a conditional sample of a segment against the same segment
/// of a large unconditional sample from the same model (rejection sampling, the reference), compared column by column
/// (<see cref="SegmentComparison"/>), plus a count of conditional rows that break a condition (always 0). Both
/// samples come from the released model only: no private row is read.
/// </summary>
public static class SegmentEvaluation
{
    /// <summary>Generates the conditional sample and the rejection-sampled reference and compares them.</summary>
    /// <param name="model">The released model.</param>
    /// <param name="conditions">The segment's conditions (at least one).</param>
    /// <param name="rows">Rows of the conditional sample.</param>
    /// <param name="referenceDraws">Unconditional rows drawn for the reference; only those in the segment are kept.</param>
    /// <param name="seed">Seeds both samples.</param>
    /// <param name="familyAlpha">False-alarm rate over all columns together (Bonferroni: each column gets alpha / columns).</param>
    /// <param name="cancellationToken">Stops the generation.</param>
    public static SegmentEvaluationResult Run(TrainedModel model, IReadOnlyList<SegmentCondition> conditions, int rows, long referenceDraws,
        int seed, double familyAlpha = 0.001, CancellationToken cancellationToken = default)
    {
        if (conditions.Count == 0) throw new ArgumentException("A segment evaluation needs at least one condition.", nameof(conditions));
        var conditional = new SyntheticTableGenerator(model, segment: new Segment(conditions, []));
        var sample = Concatenate(conditional.Schema, conditional.Generate(rows, seed, cancellationToken: cancellationToken));
        int violations = SegmentMembership.Matches(sample, conditions).Count(m => !m);

        // A different seed: the reference must be independent of the conditional sample.
        var unconditional = new SyntheticTableGenerator(model);
        var reference = Concatenate(unconditional.Schema, unconditional.Generate(referenceDraws, DerivedSeed.For(seed, "reference"), cancellationToken: cancellationToken)
            .Select(chunk => chunk.SelectRows(SegmentMembership.Matches(chunk, conditions).Select((m, i) => (m, i)).Where(p => p.m).Select(p => p.i).ToArray())));

        var conditioned = conditions.Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        var others = model.Transformer.OutputSchema.Columns.Select(c => c.Name).Where(n => !conditioned.Contains(n)).ToArray();
        var comparisons = reference.RowCount == 0 ? [] : SegmentComparison.Compare(sample, reference, others, familyAlpha / Math.Max(1, others.Length));
        return new SegmentEvaluationResult(sample.RowCount, violations, referenceDraws, reference.RowCount, comparisons, conditional.SegmentStatistics!, familyAlpha);
    }

    static TabularData Concatenate(TableSchema schema, IEnumerable<TabularData> chunks)
    {
        var parts = chunks.ToList();
        var columns = new object[schema.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
            columns[c] = schema.Columns[c].IsNumeric
                ? parts.SelectMany(p => p.Numeric(c)).ToArray()
                : parts.SelectMany(p => p.Labels(c)).ToArray();
        return new TabularData(schema, columns);
    }
}

