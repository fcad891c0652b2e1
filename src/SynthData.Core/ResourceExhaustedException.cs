namespace SynthData.Core;

/// <summary>A capacity is used up for now; <see cref="RetryAfter"/> is when trying again is sensible.</summary>
public sealed class ResourceExhaustedException(string message, TimeSpan? retryAfter = null)
    : UserFacingException(ErrorReason.ResourceExhausted, message)
{
    /// <summary>When a retry is sensible, or null when the server cannot say.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
