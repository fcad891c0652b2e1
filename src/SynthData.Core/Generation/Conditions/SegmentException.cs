namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// A segment the model cannot serve: an unknown, unmodelled or mistyped column, a value outside what the model
/// can produce, or contradictory conditions. <see cref="Column"/> names the column so adapters can point at it
/// (the server's field violation); <see cref="Index"/> is the condition's (or proportion's) position when known.
/// </summary>
/// <param name="column">The column the problem is on.</param>
/// <param name="problem">What is wrong, in plain words.</param>
/// <param name="index">Position of the condition or proportion in the request, when known.</param>
/// <param name="isProportion">True when <paramref name="index"/> counts proportions rather than conditions.</param>
public sealed class SegmentException(string column, string problem, int? index = null, bool isProportion = false)
    : UserFacingException(ErrorReason.InvalidInput, $"column '{column}': {problem}")
{
    /// <summary>The column the problem is on.</summary>
    public string Column { get; } = column;
    /// <summary>What is wrong, without the column prefix of the message.</summary>
    public string Problem { get; } = problem;
    /// <summary>Position of the offending condition or proportion in the request, when known.</summary>
    public int? Index { get; } = index;
    /// <summary>True when <see cref="Index"/> counts proportions rather than conditions.</summary>
    public bool IsProportion { get; } = isProportion;
}
