namespace SynthData.Server.Storage;

/// <summary>An uploaded dataset's metadata. <see cref="RawPath"/> and both fingerprints are server-internal and never sent to clients.</summary>
/// <param name="Fingerprint">Legacy: the SHA-256 of the bytes of an upload made before content fingerprints ("" since).</param>
/// <param name="ContentFingerprint">The keyed content fingerprint (Core's DatasetFingerprint); null for a legacy upload not yet fingerprinted.</param>
/// <param name="LedgerKey">The dataset's key in the privacy ledger, fixed at upload: shared by every upload of the same rows.</param>
public sealed record DatasetRecord(
    string Id, string TenantId, string Name, string Format, long RowCount, string SchemaJson, string PolicyId,
    string Fingerprint, string RawPath, bool Erased, DateTimeOffset CreatedAt, string? Delimiter = null, string? ContentFingerprint = null,
    string? LedgerKey = null);
