namespace SynthData.Core.Model;

/// <summary>A model artifact, or a file kept beside it, is missing or unreadable.</summary>
public sealed class ModelArtifactException(string message) : UserFacingException(ErrorReason.DataLoss, message);
