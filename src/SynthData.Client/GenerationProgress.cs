namespace SynthData.Client;

/// <summary>
/// How far a Generate stream has got. The server announces the rows up front but not the file's length, so
/// progress is counted in bytes received; the rows arrive with the summary at the end.
/// </summary>
/// <param name="BytesReceived">Bytes of the Parquet file received so far.</param>
/// <param name="RowsRequested">Rows the server announced in its header.</param>
/// <param name="Complete">True once the summary arrived and the file checked out.</param>
public readonly record struct GenerationProgress(long BytesReceived, long RowsRequested, bool Complete);
