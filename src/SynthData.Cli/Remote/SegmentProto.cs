using Google.Protobuf.WellKnownTypes;
using SynthData.Api.V1;
using SynthData.Core.Generation.Conditions;

namespace SynthData.Cli.Remote;

/// <summary>A parsed segment as GenerateRequest's typed conditions and proportions (the server never parses text).</summary>
public static class SegmentProto
{
    public static void AddTo(GenerateRequest request, Segment segment)
    {
        request.Conditions.AddRange(segment.Conditions.Select(ToProto));
        request.Proportions.AddRange(segment.Proportions.Select(p => new Proportion { Column = p.Column, Value = p.Value, Share = p.Share }));
    }

    static Condition ToProto(SegmentCondition condition)
    {
        var message = new Condition { Column = condition.Column };
        switch (condition)
        {
            case InSetCondition { Values.Count: 1 } equal:
                message.Equals_ = equal.Values[0];
                break;
            case InSetCondition set:
                message.InSet = new LabelSet { Values = { set.Values } };
                break;
            case RangeCondition { IsDateTime: true } range:
                message.DatetimeRange = new DateTimeRange { MinExclusive = range.Min is { Inclusive: false }, MaxExclusive = range.Max is { Inclusive: false } };
                if (range.Min is { } min) message.DatetimeRange.Min = Instant(min.Value);
                if (range.Max is { } max) message.DatetimeRange.Max = Instant(max.Value);
                break;
            case RangeCondition range:
                message.NumericRange = new NumericRange { MinExclusive = range.Min is { Inclusive: false }, MaxExclusive = range.Max is { Inclusive: false } };
                if (range.Min is { } low) message.NumericRange.Min = low.Value;
                if (range.Max is { } high) message.NumericRange.Max = high.Value;
                break;
            case MissingCondition { Missing: true }:
                message.IsMissing = new Empty();
                break;
            case MissingCondition:
                message.IsNotMissing = new Empty();
                break;
            default:
                throw new ArgumentException($"A {condition.GetType().Name} has no wire form.", nameof(condition));
        }
        return message;
    }

    static Timestamp Instant(double unixSeconds) =>
        Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unixSeconds * 1000)));
}
