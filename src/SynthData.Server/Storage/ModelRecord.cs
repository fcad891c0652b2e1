namespace SynthData.Server.Storage;

/// <summary>
/// A trained model. <see cref="ArtifactPath"/> is server-internal. The release decision and the reviewer's
/// approval are kept as the JSON Core writes, so generation can put them in the file's governance footer.
/// </summary>
public sealed record ModelRecord
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string JobId { get; init; }
    public required string DatasetId { get; init; }
    /// <summary>The artifact's artifact-store key (models/&lt;tenant&gt;/&lt;job&gt;.model, its split key beside it), or for a
    /// model trained before the artifact store an absolute path in the data directory.</summary>
    public required string ArtifactPath { get; init; }
    public required string Sha256 { get; init; }
    public required ReleaseState ReleaseState { get; init; }
    public string? ReleaseDecisionJson { get; init; }
    public string? ReviewerJson { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
