namespace SynthData.Server.Storage;

/// <summary>
/// A trained model. <see cref="ArtifactPath"/> is server-internal. The release decision and the reviewer's
/// approval are kept as the JSON Core writes, so generation can put them in the file's governance footer.
/// </summary>
public sealed record ModelRecord(
    string Id, string TenantId, string JobId, string DatasetId, string ArtifactPath, string Sha256, ReleaseState ReleaseState,
    string? ReleaseDecisionJson, string? ReviewerJson, DateTimeOffset CreatedAt);
