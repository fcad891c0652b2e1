using System.Globalization;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// Checks a segment against a model and turns it into head constraints, one stratum per target proportion (or one
/// stratum without proportions). Everything is refused up front that the model cannot serve, naming the column:
/// unknown and unmodelled columns, a label outside the model's vocabulary (or its merged "other" bucket), a range
/// holding no value the model can decode, missingness on a column the model never leaves missing, and conditions
/// that contradict each other. Reads only the schema and the released transformer, never a row.
/// </summary>
public static class SegmentCompiler
{
    const double ShareTolerance = 1e-9;

    /// <summary>The strata to generate: one for conditions only, else one per target proportion, plus a remainder stratum when the shares sum below 1; throws <see cref="SegmentException"/> on a segment the model cannot serve.</summary>
    public static IReadOnlyList<SegmentStratum> Compile(Segment segment, TableSchema source, TableTransformer transformer)
    {
        var indexed = segment.Conditions.Select((c, i) => (Condition: c, Index: (int?)i)).ToList();
        foreach (var (condition, index) in indexed) CheckModelled(condition.Column, source, transformer, index, false);
        if (segment.Proportions.Count == 0)
            return [new SegmentStratum(1, CompileConditions(indexed, transformer), Describe(segment.Conditions))];

        var proportions = segment.Proportions;
        string column = proportions[0].Column;
        for (int i = 0; i < proportions.Count; i++)
        {
            var p = proportions[i];
            CheckModelled(p.Column, source, transformer, i, true);
            if (p.Column != column)
                throw new SegmentException(p.Column, $"proportions must all be on one column (the first is on '{column}')", i, true);
            if (!(p.Share > 0 && p.Share <= 1))
                throw new SegmentException(p.Column, "a proportion's share must be in (0, 1]", i, true);
            if (proportions.Take(i).Any(q => q.Value == p.Value))
                throw new SegmentException(p.Column, $"the value '{p.Value}' has two proportions", i, true);
        }
        if (!transformer.Columns.Single(c => c.Schema.Name == column).Schema.IsCategorical)
            throw new SegmentException(column, "proportions apply to categorical and boolean columns", 0, true);
        double listed = proportions.Sum(p => p.Share);
        if (listed > 1 + ShareTolerance) throw new SegmentException(column, "the shares add up to more than 1", 0, true);

        var strata = new List<SegmentStratum>();
        for (int i = 0; i < proportions.Count; i++)
        {
            var extra = new InSetCondition(column, [proportions[i].Value]);
            strata.Add(new SegmentStratum(proportions[i].Share, CompileConditions([.. indexed, (extra, null)], transformer, i),
                Describe([.. segment.Conditions, extra])));
        }
        if (listed < 1 - ShareTolerance)
        {
            var rest = new NotInSetCondition(column, proportions.Select(p => p.Value).ToArray());
            strata.Add(new SegmentStratum(1 - listed, CompileConditions([.. indexed, (rest, null)], transformer, proportions.Count - 1),
                Describe([.. segment.Conditions, rest])));
        }
        return strata;
    }

    static string Describe(IEnumerable<SegmentCondition> conditions) => string.Join(" and ", conditions.Select(c => c.Describe()));

    static void CheckModelled(string column, TableSchema source, TableTransformer transformer, int? index, bool proportion)
    {
        int at = source.IndexOf(column);
        if (at < 0) throw new SegmentException(column, "the model has no such column", index, proportion);
        var schema = source.Columns[at];
        if (!schema.IsModelled)
            throw new SegmentException(column, $"it is {(schema.Kind == ColumnKind.Pii ? "a personal-data (PII)" : "an identifier")} column, " +
                "which the model never learns (its values are stand-ins or dropped), so rows cannot be conditioned on it", index, proportion);
        if (transformer.Columns.All(c => c.Schema.Name != column))
            throw new SegmentException(column, "the model does not model this column", index, proportion);
    }

    /// <param name="conditions">The conditions, each with its position in the request (null for one a proportion adds).</param>
    /// <param name="transformer">The released transformer, which gives each column's head layout.</param>
    /// <param name="proportionIndex">Set when the last condition comes from a proportion: its errors then name the proportion.</param>
    static IReadOnlyList<HeadConstraint> CompileConditions(IReadOnlyList<(SegmentCondition Condition, int? Index)> conditions,
        TableTransformer transformer, int? proportionIndex = null)
    {
        var constraints = new List<HeadConstraint>();
        foreach (var group in conditions.GroupBy(c => c.Condition.Column, StringComparer.Ordinal))
        {
            var column = transformer.Columns.Single(c => c.Schema.Name == group.Key);
            int offset = transformer.OffsetOf(group.Key);
            var items = group.ToList();
            int? blame = items[^1].Index;
            bool blameProportion = blame is null && proportionIndex is not null;
            blame ??= proportionIndex;
            if (column.Categories is not null) constraints.AddRange(CompileLabels(column, offset, items, blame, blameProportion));
            else constraints.AddRange(CompileNumbers(column, offset, items, blame)); // proportions are on label columns only
        }
        return constraints;
    }

    static IEnumerable<HeadConstraint> CompileLabels(FittedColumn column, int offset, List<(SegmentCondition Condition, int? Index)> items,
        int? blame, bool blameProportion)
    {
        var vocabulary = column.Categories!;
        string name = column.Schema.Name;
        int never = CellDecoding.NeverSampledSlot(column);
        var producible = Enumerable.Range(0, vocabulary.Width).Select(s => s != never).ToArray();
        var allowed = (bool[])producible.Clone();
        foreach (var (condition, index) in items)
        {
            int? at = index ?? blame;
            bool isProportion = index is null && blameProportion;
            bool[] keep = new bool[vocabulary.Width];
            switch (condition)
            {
                case InSetCondition set:
                    foreach (var value in set.Values) keep[SlotOf(column, value, at, isProportion)] = true;
                    break;
                case NotInSetCondition excluded:
                    Array.Fill(keep, true);
                    foreach (var value in excluded.Values) keep[SlotOf(column, value, at, isProportion)] = false;
                    break;
                case MissingCondition missing:
                    if (missing.Missing && !vocabulary.HasMissing)
                        throw new SegmentException(name, "the column is not nullable, so the model never leaves it missing", at, isProportion);
                    for (int s = 0; s < keep.Length; s++) keep[s] = (s == vocabulary.MissingIndex) == missing.Missing;
                    break;
                case RangeCondition:
                    throw new SegmentException(name, $"it is a {column.Schema.Kind.ToString().ToLowerInvariant()} column: use = or in (...), not a range", at, isProportion);
                default:
                    throw new SegmentException(name, "unsupported condition", at, isProportion);
            }
            for (int s = 0; s < allowed.Length; s++) allowed[s] &= keep[s];
        }
        if (!allowed.Any(a => a)) throw new SegmentException(name, "the conditions on this column contradict each other: no value meets them all", blame, blameProportion);
        if (allowed.SequenceEqual(producible)) yield break;
        yield return new CategoricalConstraint(name, offset, allowed, never);
    }

    static int SlotOf(FittedColumn column, string value, int? index, bool isProportion)
    {
        var vocabulary = column.Categories!;
        int slot = vocabulary.SlotOf(value);
        bool listed = vocabulary.Labels.Contains(value, StringComparer.Ordinal);
        if (!listed || slot == CellDecoding.NeverSampledSlot(column))
            throw new SegmentException(column.Schema.Name, $"the model cannot produce '{value}' (its values: {string.Join(", ", Producible(column))})", index, isProportion);
        if (slot == vocabulary.OtherIndex && column.Schema.Categories?.Contains(value) != true)
            throw new SegmentException(column.Schema.Name, $"'{value}' is the model's bucket for the labels it merged, not one value; " +
                $"condition on a listed value ({string.Join(", ", Producible(column).Where(l => l != value))})", index, isProportion);
        return slot;
    }

    static IEnumerable<string> Producible(FittedColumn column)
    {
        int never = CellDecoding.NeverSampledSlot(column);
        var vocabulary = column.Categories!;
        return vocabulary.Labels.Where((_, s) => s != never && (s != vocabulary.OtherIndex || column.Schema.Categories?.Contains(vocabulary.Labels[s]) == true));
    }

    enum Presence { Either, Present, Missing }

    static IEnumerable<HeadConstraint> CompileNumbers(FittedColumn column, int offset, List<(SegmentCondition Condition, int? Index)> items, int? blame)
    {
        string name = column.Schema.Name;
        bool isDateTime = column.Schema.Kind == ColumnKind.DateTime;
        var presence = Presence.Either;
        float low = float.NegativeInfinity, high = float.PositiveInfinity;
        foreach (var (condition, index) in items)
        {
            int? at = index ?? blame;
            switch (condition)
            {
                case RangeCondition range:
                    if (range.IsDateTime != isDateTime)
                        throw new SegmentException(name, isDateTime ? "it is a datetime column: give dates (e.g. 2009-01-31)" : "it is a numeric column: give numbers, not dates", at);
                    var (lo, hi) = ScoreInterval(column, range, at);
                    low = Math.Max(low, lo);
                    high = Math.Min(high, hi);
                    presence = Combine(presence, Presence.Present, name, at);
                    break;
                case InSetCondition { Values.Count: 1 } equal when double.TryParse(equal.Values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !isDateTime:
                    var (l, h) = ScoreInterval(column, new RangeCondition(name, new RangeBound(v, true), new RangeBound(v, true)), at);
                    low = Math.Max(low, l);
                    high = Math.Min(high, h);
                    presence = Combine(presence, Presence.Present, name, at);
                    break;
                case MissingCondition missing:
                    if (missing.Missing && !column.Schema.Nullable)
                        throw new SegmentException(name, "the column is not nullable, so the model never leaves it missing", at);
                    presence = Combine(presence, missing.Missing ? Presence.Missing : Presence.Present, name, at);
                    break;
                default:
                    throw new SegmentException(name, $"it is a {column.Schema.Kind.ToString().ToLowerInvariant()} column: use a range " +
                        "(between, <, <=, >, >=), = with one number, or is (not) missing", at);
            }
        }
        if (low > high) throw new SegmentException(name, "the ranges on this column do not overlap: no value meets them all", blame);
        if (presence != Presence.Missing && (low > float.NegativeInfinity || high < float.PositiveInfinity))
            yield return new GaussianRangeConstraint(name, offset, low, high);
        if (presence != Presence.Either && column.Schema.Nullable)
            yield return new CategoricalConstraint(name, offset + 1, [presence == Presence.Present, presence == Presence.Missing], -1);
    }

    static Presence Combine(Presence current, Presence next, string column, int? index) =>
        current == Presence.Either || current == next ? next
            : throw new SegmentException(column, "the conditions on this column contradict each other (missing and not missing)", index);

    /// <summary>
    /// The float32 scores whose decoded value meets the range, as [low, high] (infinite ends when every score below
    /// or above qualifies). Decoding is monotone in the score, so bisection finds each end; both ends are then moved
    /// onto float32 values that decode inside the range, as the model's stored outputs are float32.
    /// </summary>
    static (float Low, float High) ScoreInterval(FittedColumn column, RangeCondition range, int? index)
    {
        double clip = column.Numeric!.Clip;
        bool AboveMin(double z) => range.Min is not { } min || (min.Inclusive ? Value(z) >= min.Value : Value(z) > min.Value);
        bool BelowMax(double z) => range.Max is not { } max || (max.Inclusive ? Value(z) <= max.Value : Value(z) < max.Value);
        double Value(double z) => CellDecoding.DecodeScore(column, z);

        if (!AboveMin(clip) || !BelowMax(-clip))
            throw new SegmentException(column.Schema.Name, $"the range lies outside the values the model can produce for this column ({Support(column)})", index);
        float low = float.NegativeInfinity, high = float.PositiveInfinity;
        if (!AboveMin(-clip))
        {
            low = (float)Bisect(-clip, clip, AboveMin);
            while (!AboveMin(low)) low = MathF.BitIncrement(low);
        }
        if (!BelowMax(clip))
        {
            high = (float)Bisect(clip, -clip, BelowMax);
            while (!BelowMax(high)) high = MathF.BitDecrement(high);
        }
        if (low > high || !range.Admits(Value(Math.Max(low, (float)-clip))))
            throw new SegmentException(column.Schema.Name, $"no value the model can produce lies in the range ({Support(column)})", index);
        return (low, high);
    }

    /// <summary>The boundary between a failing end and a passing end of [-clip, clip] (the passing side of the last bracket).</summary>
    static double Bisect(double failing, double passing, Func<double, bool> passes)
    {
        for (int i = 0; i < 200 && Math.Abs(passing - failing) > 1e-12; i++)
        {
            double middle = 0.5 * (failing + passing);
            if (passes(middle)) passing = middle; else failing = middle;
        }
        return passing;
    }

    static string Support(FittedColumn column)
    {
        var t = column.Numeric!;
        double lo = CellDecoding.DecodeScore(column, -t.Clip), hi = CellDecoding.DecodeScore(column, t.Clip);
        bool isDateTime = column.Schema.Kind == ColumnKind.DateTime;
        return $"from {RangeCondition.FormatValue(lo, isDateTime)} to {RangeCondition.FormatValue(hi, isDateTime)}";
    }
}
