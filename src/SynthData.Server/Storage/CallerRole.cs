namespace SynthData.Server.Storage;

/// <summary>What an API key may do. Stored as lower-case text.</summary>
public enum CallerRole { Owner, Consumer, Reviewer, Admin }
