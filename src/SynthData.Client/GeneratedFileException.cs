namespace SynthData.Client;

/// <summary>
/// A Generate stream that did not deliver a whole, intact file: out-of-order messages, a missing summary
/// (the stream was cut), or a length or SHA-256 different from what the server announced.
/// </summary>
public sealed class GeneratedFileException(string problem) : IOException($"The generated file is incomplete or corrupt: {problem}");
