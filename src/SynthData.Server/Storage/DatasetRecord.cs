namespace SynthData.Server.Storage;

/// <summary>An uploaded dataset's metadata. <see cref="RawPath"/> and both fingerprints are server-internal and never sent to clients.</summary>
public sealed record DatasetRecord
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string Name { get; init; }
    /// <summary>The upload's format: "csv" or "parquet".</summary>
    public required string Format { get; init; }
    public required long RowCount { get; init; }
    public required string SchemaJson { get; init; }
    public required string PolicyId { get; init; }
    /// <summary>Legacy: the SHA-256 of the bytes of an upload made before content fingerprints ("" since).</summary>
    public string Fingerprint { get; init; } = "";
    /// <summary>Where the raw table lives: its artifact-store key (datasets/&lt;tenant&gt;/&lt;id&gt;.csv|parquet), or for an
    /// upload made before the artifact store an absolute path in the data directory (read with ArtifactFiles).</summary>
    public required string RawPath { get; init; }
    public bool Erased { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Delimiter { get; init; }
    /// <summary>The keyed content fingerprint (Core's DatasetFingerprint); null for a legacy upload not yet fingerprinted.</summary>
    public string? ContentFingerprint { get; init; }
    /// <summary>The dataset's key in the privacy ledger, fixed at upload: shared by every upload of the same rows.</summary>
    public string? LedgerKey { get; init; }
}
