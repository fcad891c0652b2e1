namespace SynthData.Server.Datasets;

/// <summary>What validating an upload established: the resolved schema (as a schema file) and the row count.</summary>
public sealed record UploadedTable(string SchemaJson, long RowCount, string Fingerprint);
