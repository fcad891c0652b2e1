namespace SynthData.Core;

/// <summary>A value, option or file the caller gave is malformed or out of range; <see cref="UserFacingException.Field"/> names it when known.</summary>
public sealed class InvalidInputException(string message, string? field = null, Exception? inner = null)
    : UserFacingException(ErrorReason.InvalidInput, message, field, inner);
