namespace SynthData.Server.Storage;

/// <summary>A key as ListApiKeys shows it: who holds it and what it may do, never the secret or its hash.</summary>
public sealed record ApiKeyListing(string Id, string TenantId, string TenantName, CallerRole Role, string Label, DateTimeOffset CreatedAt, bool Revoked);
