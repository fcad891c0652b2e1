namespace SynthData.Core.Generation.Conditions;

/// <summary>A condition or proportion text the parser cannot read; the message quotes the text and says what was expected.</summary>
/// <param name="message">Quotes the text and says what was expected.</param>
public sealed class SegmentSyntaxException(string message) : UserFacingException(ErrorReason.InvalidInput, message);
