namespace SynthData.Core;

/// <summary>
/// Base of every error a user can fix: malformed input, a bad option, a policy refusal. Messages
/// name files, rows, columns and fields and what was expected, never a value from a user's table,
/// so adapters may show them as they are (CLI standard error, gRPC status detail).
/// <see cref="Reason"/> says what kind of error it is; <see cref="Field"/> names the request field or option at
/// fault when there is one. Argument exceptions stay for programmer errors: adapters treat them as bugs.
/// </summary>
public abstract class UserFacingException(ErrorReason reason, string message, string? field = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The kind of error, which adapters map to an exit code or status.</summary>
    public ErrorReason Reason { get; } = reason;

    /// <summary>The request field or option at fault (e.g. "epsilon"), or null when the error is not about one field.</summary>
    public string? Field { get; } = field;
}
