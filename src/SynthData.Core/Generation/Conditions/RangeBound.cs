namespace SynthData.Core.Generation.Conditions;

/// <summary>One end of a range: its value and whether the value itself is inside.</summary>
public readonly record struct RangeBound(double Value, bool Inclusive);
