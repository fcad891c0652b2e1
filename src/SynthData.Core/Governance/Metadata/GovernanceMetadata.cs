using SynthData.Core.Governance.Decisions;

namespace SynthData.Core.Governance.Metadata;

/// <summary>
/// What every synthetic Parquet file says about itself, in its footer under `synthdata.governance`
/// (JSON, snake_case; schema: policies/schemas/governance-metadata.v1.schema.json). Aggregates and
/// parameters only: never a value from the source table.
/// </summary>
public sealed record GovernanceMetadata
{
    public const string VersionKey = "synthdata.version";
    public const string GovernanceKey = "synthdata.governance";
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public bool Synthetic { get; init; } = true;
    public required DatasetLineage Dataset { get; init; }
    /// <summary>False when any column's structure was inferred from the private rows (not covered by the guarantee).</summary>
    public required bool SchemaFullyDeclared { get; init; }
    /// <summary>Names of the columns inferred rather than declared in a schema file.</summary>
    public required IReadOnlyList<string> SchemaInferredColumns { get; init; }
    public required IReadOnlyList<ColumnDescription> Schema { get; init; }
    public required ModelLineage Model { get; init; }
    public required TrainingDescription Training { get; init; }
    public required PrivacyDescription Privacy { get; init; }
    public AuditSummary? Audit { get; init; }
    /// <summary>Null when no policy was checked (a file made with `synthdata generate` from a model artifact).</summary>
    public required PolicyOutcome? Policy { get; init; }
    public ReviewerApproval? Reviewer { get; init; }
    public required GenerationDescription Generation { get; init; }
    public required SoftwareDescription Software { get; init; }
}

/// <summary>The source by its random public id and row counts only: no hash of its content (one could be checked against candidate tables).</summary>
public sealed record DatasetLineage(string Id, int Rows, int TrainingRows, int HoldoutRows);
public sealed record ColumnDescription(string Name, string Kind, string Release);
public sealed record ModelLineage(string Id, string ArtifactSha256);
public sealed record TrainingDescription(double Epochs, int BatchSize, double LearningRate, int Seed, long Steps,
    IReadOnlyList<int> EncoderHidden, IReadOnlyList<int> DecoderHidden, int LatentDim, double TrainingSeconds);
public sealed record PreprocessingCost(string Name, string Description, string Event);
public sealed record PrivacyDescription(bool DifferentiallyPrivate, double? Epsilon, double Delta, string? Accountant, double? EpsilonError,
    double? RdpEpsilon, double NoiseMultiplier, double MaxGradNorm, double SamplingRate, long Steps, IReadOnlyList<PreprocessingCost> Preprocessing);
public sealed record AuditSummary(string Verdict, bool LeakDetected, double MaxMiaAucUpper, double MaxTprAt1PctFpr, double DcrShare,
    double TrainCopyRate, double HoldoutCopyRate, int PiiReplays, double? EmpiricalEpsilon, IReadOnlyList<string> Flags);
public sealed record PolicyOutcome(string Id, int Version, PolicyDecision? Admission, PolicyDecision? Release);
public sealed record ReviewerApproval(string ApprovedBy, DateTimeOffset ApprovedUtc);
public sealed record GenerationDescription(int Seed, long Rows, DateTimeOffset CreatedUtc);
public sealed record SoftwareDescription(string Name, string Version);
