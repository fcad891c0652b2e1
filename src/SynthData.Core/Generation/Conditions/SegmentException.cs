namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// A segment the model cannot serve: an unknown, unmodelled or mistyped column, a value outside what the model
/// can produce, or contradictory conditions. <see cref="Column"/> names the column so adapters can point at it
/// (the server's field violation); <see cref="Index"/> is the condition's (or proportion's) position when known.
/// </summary>
public sealed class SegmentException(string column, string problem, int? index = null, bool isProportion = false)
    : UserFacingException(ErrorReason.InvalidInput, $"column '{column}': {problem}")
{
    public string Column { get; } = column;
    public string Problem { get; } = problem;
    public int? Index { get; } = index;
    public bool IsProportion { get; } = isProportion;
}
