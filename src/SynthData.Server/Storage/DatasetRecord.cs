namespace SynthData.Server.Storage;

/// <summary>An uploaded dataset's metadata. <see cref="RawPath"/> is server-internal and never sent to clients.</summary>
public sealed record DatasetRecord(
    string Id, string TenantId, string Name, string Format, long RowCount, string SchemaJson, string PolicyId,
    string Fingerprint, string RawPath, bool Erased, DateTimeOffset CreatedAt, string? Delimiter = null);
