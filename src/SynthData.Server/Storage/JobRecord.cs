namespace SynthData.Server.Storage;

/// <summary>
/// A job as persisted. <see cref="ParametersJson"/> holds the request the work needs (no data values).
/// <see cref="StepsCharged"/> is the write-ahead bound on noisy steps started: what the ledger charges after a crash.
/// </summary>
public sealed record JobRecord
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string DatasetId { get; init; }
    /// <summary>"train", "audit" or "drift" (TrainingJobWork.Kind, AuditJobParameters.Kind, DriftJobParameters.Kind).</summary>
    public required string Kind { get; init; }
    public required JobState State { get; init; }
    public long StepsTaken { get; init; }
    public long TotalSteps { get; init; }
    public double TargetEpsilon { get; init; }
    public double Delta { get; init; }
    public double EpsilonSpent { get; init; }
    public double NoiseMultiplier { get; init; }
    public double LastLoss { get; init; }
    public string? ModelId { get; init; }
    public string ParametersJson { get; init; } = "{}";
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long StepsCharged { get; init; }
}
