namespace SynthData.Server.Storage;

/// <summary>
/// A job as persisted. <see cref="ParametersJson"/> holds the request the work needs (no data values).
/// <see cref="StepsCharged"/> is the write-ahead bound on noisy steps started: what the ledger charges after a crash.
/// </summary>
public sealed record JobRecord(
    string Id, string TenantId, string DatasetId, string Kind, JobState State,
    long StepsTaken, long TotalSteps, double TargetEpsilon, double Delta, double EpsilonSpent,
    double NoiseMultiplier, double LastLoss, string? ModelId, string ParametersJson, IReadOnlyList<string> Reasons,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long StepsCharged = 0);
