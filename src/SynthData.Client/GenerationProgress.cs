namespace SynthData.Client;

/// <summary>
/// How far a Generate stream has got. The server announces the rows up front but not the file's length, so
/// progress is counted in bytes received; the rows arrive with the summary at the end.
/// </summary>
public readonly record struct GenerationProgress(long BytesReceived, long RowsRequested, bool Complete);
