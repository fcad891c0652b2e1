namespace SynthData.Server.Storage;

/// <summary>A known API key (never the key itself: only its hash is stored).</summary>
public sealed record ApiKeyRecord(string Id, string TenantId, CallerRole Role, string Label);
