namespace SynthData.Server.Datasets;

/// <summary>
/// What validating an upload established: the resolved schema (as a schema file), the row count and the keyed
/// content fingerprint (server-internal: it keys the privacy ledger and is never sent to a client or logged).
/// </summary>
public sealed record UploadedTable(string SchemaJson, long RowCount, string ContentFingerprint);
