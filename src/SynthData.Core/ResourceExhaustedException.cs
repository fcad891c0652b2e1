namespace SynthData.Core;

/// <summary>A capacity is used up for now; <see cref="RetryAfter"/> is when trying again is sensible.</summary>
public sealed class ResourceExhaustedException(string message, TimeSpan? retryAfter = null)
    : UserFacingException(ErrorReason.ResourceExhausted, message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
