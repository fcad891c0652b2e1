namespace SynthData.Core.Generation.Conditions;

/// <summary>One end of a range: its value and whether the value itself is inside.</summary>
/// <param name="Value">The bound (Unix seconds for datetime columns).</param>
/// <param name="Inclusive">True when the value itself is inside the range.</param>
public readonly record struct RangeBound(double Value, bool Inclusive);
