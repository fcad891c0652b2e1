namespace SynthData.Core;

/// <summary>
/// Base of every error a user can fix: malformed input, a bad option, a policy refusal. Messages
/// name files, rows, columns and fields and what was expected, never a value from a user's table,
/// so adapters may show them as they are (CLI standard error, gRPC status detail).
/// </summary>
public abstract class UserFacingException(string message, Exception? inner = null) : Exception(message, inner);
