using SynthData.Core.Generation.Conditions;
using SynthData.Server.Validation;
using ApiV1 = SynthData.Api.V1;

namespace SynthData.Server.Generation;

/// <summary>
/// A GenerateRequest's typed conditions and proportions to Core's <see cref="Segment"/>. Only the message's shape is
/// checked here (a column, one test per condition); whether the model can serve the segment is Core's check
/// (<see cref="SegmentCompiler"/>), whose <see cref="SegmentException"/> <see cref="ToFieldViolation"/> turns into
/// INVALID_ARGUMENT on the offending field.
/// </summary>
public static class SegmentRequestMapping
{
    public static Segment ToSegment(ApiV1.GenerateRequest request)
    {
        var conditions = request.Conditions.Select((c, i) => ToCondition(c, $"conditions[{i}]")).ToArray();
        var proportions = request.Proportions.Select((p, i) =>
        {
            FieldViolations.Require(p.Column.Length > 0, $"proportions[{i}].column", "must name a column of the model");
            FieldViolations.Require(p.Share is > 0 and <= 1, $"proportions[{i}].share", $"column '{p.Column}': must be in (0, 1]");
            return new TargetProportion(p.Column, p.Value, p.Share);
        }).ToArray();
        return new Segment(conditions, proportions);
    }

    static SegmentCondition ToCondition(ApiV1.Condition c, string field)
    {
        FieldViolations.Require(c.Column.Length > 0, $"{field}.column", "must name a column of the model");
        return c.TestCase switch
        {
            ApiV1.Condition.TestOneofCase.Equals_ => new InSetCondition(c.Column, [c.Equals_]),
            ApiV1.Condition.TestOneofCase.InSet when c.InSet.Values.Count > 0 => new InSetCondition(c.Column, c.InSet.Values.ToArray()),
            ApiV1.Condition.TestOneofCase.NumericRange => new RangeCondition(c.Column,
                c.NumericRange.HasMin ? Bound(c.NumericRange.Min, c.NumericRange.MinExclusive, field) : null,
                c.NumericRange.HasMax ? Bound(c.NumericRange.Max, c.NumericRange.MaxExclusive, field) : null),
            ApiV1.Condition.TestOneofCase.DatetimeRange => new RangeCondition(c.Column,
                c.DatetimeRange.Min is { } min ? new RangeBound(Seconds(min), !c.DatetimeRange.MinExclusive) : null,
                c.DatetimeRange.Max is { } max ? new RangeBound(Seconds(max), !c.DatetimeRange.MaxExclusive) : null, IsDateTime: true),
            ApiV1.Condition.TestOneofCase.IsMissing => new MissingCondition(c.Column, true),
            ApiV1.Condition.TestOneofCase.IsNotMissing => new MissingCondition(c.Column, false),
            _ => throw FieldViolations.Invalid(field, $"column '{c.Column}': set one test (equals, in_set with values, numeric_range, datetime_range, is_missing or is_not_missing)"),
        };
    }

    static RangeBound Bound(double value, bool exclusive, string field)
    {
        FieldViolations.Require(double.IsFinite(value), $"{field}.numeric_range", "bounds must be finite numbers (leave a bound unset for an open range)");
        return new RangeBound(value, !exclusive);
    }

    static double Seconds(Google.Protobuf.WellKnownTypes.Timestamp t) => t.Seconds + t.Nanos / 1e9;

    /// <summary>The field violation for a segment the model cannot serve: conditions[i] or proportions[i], the column named in the description.</summary>
    public static Grpc.Core.RpcException ToFieldViolation(SegmentException e) =>
        FieldViolations.Invalid(e.Index is { } i ? $"{(e.IsProportion ? "proportions" : "conditions")}[{i}]" : "conditions", e.Message);
}
