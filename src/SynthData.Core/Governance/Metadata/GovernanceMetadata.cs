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
    /// <summary>What a consumer may know of the audit: no figure computed on private rows (those stay with owner and reviewers).</summary>
    public PublishedAudit? Audit { get; init; }
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
/// <summary>Public training parameters. No seed: a private run's random streams are secret and never stored.</summary>
public sealed record TrainingDescription(double Epochs, int BatchSize, double LearningRate, long Steps,
    IReadOnlyList<int> EncoderHidden, IReadOnlyList<int> DecoderHidden, int LatentDim, double TrainingSeconds);
public sealed record PreprocessingCost(string Name, string Description, string Event);
public sealed record PrivacyDescription
{
    /// <summary>True only for a DP run with secret randomness: a replayable run has no guarantee.</summary>
    public required bool DifferentiallyPrivate { get; init; }
    public required double? Epsilon { get; init; }
    public required double Delta { get; init; }
    public required string? Accountant { get; init; }
    public required double? EpsilonError { get; init; }
    public required double? RdpEpsilon { get; init; }
    public required double NoiseMultiplier { get; init; }
    public required double MaxGradNorm { get; init; }
    public required double SamplingRate { get; init; }
    public required long Steps { get; init; }
    public required IReadOnlyList<PreprocessingCost> Preprocessing { get; init; }
    /// <summary>"secure", or "reproducible-insecure" (replayable from a seed: NOT PRIVATE).</summary>
    public required string Randomness { get; init; }
    /// <summary>Set when the figures below do not hold, in words a reader cannot miss.</summary>
    public required string? Warning { get; init; }
    /// <summary>What two inputs the guarantee compares: the relation the code implements.</summary>
    public required string NeighbouringRelation { get; init; }
}
/// <summary>
/// The audit as a consumer may see it. The membership, distance and copy figures are computed on the private rows
/// without DP, so they go to the data owner and reviewers only; the canary audit runs on the model's own synthetic
/// rows (post-processing, no private row read), so its empirical epsilon may be published.
/// </summary>
public sealed record PublishedAudit(bool Audited, double? EmpiricalEpsilon, int? Canaries, string Note)
{
    /// <summary>Columns whose synthetic marginal disagrees with the run's DP quantiles (compares DP outputs only: publishable).</summary>
    public IReadOnlyList<PublishedQualityWarning> QualityWarnings { get; init; } = [];
}
/// <param name="Deviation">Largest gap in cumulative probability between the synthetic CDF and a DP quantile knot.</param>
/// <param name="Allowed">The gap the DP noise and the sample size explain.</param>
public sealed record PublishedQualityWarning(string Column, double Deviation, double Allowed);

/// <summary>The audit figures the release decision and the owner's reports use (computed on private rows: never in a footer).</summary>
public sealed record AuditSummary
{
    public required string Verdict { get; init; }
    public required bool LeakDetected { get; init; }
    public required double MaxMiaAucUpper { get; init; }
    public required double MaxTprAt1PctFpr { get; init; }
    public required double DcrShare { get; init; }
    public required double TrainCopyRate { get; init; }
    public required double HoldoutCopyRate { get; init; }
    public required int PiiReplays { get; init; }
    public required double? EmpiricalEpsilon { get; init; }
    public required IReadOnlyList<string> Flags { get; init; }
}
public sealed record PolicyOutcome(string Id, int Version, PolicyDecision? Admission, PolicyDecision? Release);
public sealed record ReviewerApproval(string ApprovedBy, DateTimeOffset ApprovedUtc);
/// <param name="Segment">Set when the rows were drawn conditional on a segment: then the file describes that segment, not the population.</param>
public sealed record GenerationDescription(int Seed, long Rows, DateTimeOffset CreatedUtc, SegmentDescription? Segment = null);
/// <summary>
/// A conditional file's segment: its conditions (AND), target proportions, and a note that the file describes the
/// segment, not the population. Conditions are the requester's, not values of the source table.
/// </summary>
public sealed record SegmentDescription(IReadOnlyList<string> Conditions, IReadOnlyList<ProportionDescription> Proportions, string Note);
public sealed record ProportionDescription(string Column, string Value, double Share);
public sealed record SoftwareDescription(string Name, string Version);
