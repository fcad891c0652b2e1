using SynthData.Core.Governance.Decisions;

namespace SynthData.Core.Governance.Metadata;

/// <summary>
/// What every synthetic Parquet file says about itself, in its footer under `synthdata.governance`
/// (JSON, snake_case; schema: policies/schemas/governance-metadata.v1.schema.json). Aggregates and
/// parameters only: never a value from the source table.
/// </summary>
public sealed record GovernanceMetadata
{
    /// <summary>Footer key holding the software version.</summary>
    public const string VersionKey = "synthdata.version";
    /// <summary>Footer key holding this record as compact JSON.</summary>
    public const string GovernanceKey = "synthdata.governance";
    /// <summary>Version of the JSON schema this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Version of the JSON schema the footer follows, so readers can tell layouts apart.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>Always true: marks every row of the file as synthetic.</summary>
    public bool Synthetic { get; init; } = true;
    /// <summary>The source dataset, by public id and row counts.</summary>
    public required DatasetLineage Dataset { get; init; }
    /// <summary>False when any column's structure was inferred from the private rows (not covered by the guarantee).</summary>
    public required bool SchemaFullyDeclared { get; init; }
    /// <summary>Names of the columns inferred rather than declared in a schema file.</summary>
    public required IReadOnlyList<string> SchemaInferredColumns { get; init; }
    /// <summary>Every source column and what became of it.</summary>
    public required IReadOnlyList<ColumnDescription> Schema { get; init; }
    /// <summary>The model artifact the rows were drawn from.</summary>
    public required ModelLineage Model { get; init; }
    /// <summary>Public training parameters.</summary>
    public required TrainingDescription Training { get; init; }
    /// <summary>The privacy guarantee and the parameters it rests on.</summary>
    public required PrivacyDescription Privacy { get; init; }
    /// <summary>What a consumer may know of the audit: no figure computed on private rows (those stay with owner and reviewers).</summary>
    public PublishedAudit? Audit { get; init; }
    /// <summary>The lineage's latest drift check before the model was trained, when there was one (DP outputs only).</summary>
    public Drift.DriftFinding? Drift { get; init; }
    /// <summary>Null when no policy was checked (a file made with `synthdata generate` from a model artifact).</summary>
    public required PolicyOutcome? Policy { get; init; }
    /// <summary>Who approved the release, when a reviewer did.</summary>
    public ReviewerApproval? Reviewer { get; init; }
    /// <summary>How and when this file's rows were drawn.</summary>
    public required GenerationDescription Generation { get; init; }
    /// <summary>The software that wrote the file.</summary>
    public required SoftwareDescription Software { get; init; }
}

/// <summary>The source by its random public id and row counts only: no hash of its content (one could be checked against candidate tables).</summary>
/// <param name="Id">The dataset's random public id.</param>
/// <param name="Rows">Rows of the source table.</param>
/// <param name="TrainingRows">Rows used for training.</param>
/// <param name="HoldoutRows">Rows held out for the audit.</param>
public sealed record DatasetLineage(string Id, int Rows, int TrainingRows, int HoldoutRows);
/// <summary>A source column and what the file does with it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Column kind, lower case (e.g. "continuous", "pii").</param>
/// <param name="Release">"synthesised" (drawn from the model), "replaced" (surrogate values) or "dropped".</param>
public sealed record ColumnDescription(string Name, string Kind, string Release);
/// <summary>The model artifact the rows come from, so a file can be traced to it.</summary>
/// <param name="Id">The model's id.</param>
/// <param name="ArtifactSha256">SHA-256 of the artifact file.</param>
public sealed record ModelLineage(string Id, string ArtifactSha256);
/// <summary>Public training parameters. No seed: a private run's random streams are secret and never stored.</summary>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="BatchSize">Expected batch size (Poisson sampling).</param>
/// <param name="LearningRate">Optimiser learning rate.</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="EncoderHidden">Widths of the encoder's hidden layers.</param>
/// <param name="DecoderHidden">Widths of the decoder's hidden layers.</param>
/// <param name="LatentDim">Size of the latent space.</param>
/// <param name="TrainingSeconds">Wall time of training.</param>
public sealed record TrainingDescription(double Epochs, int BatchSize, double LearningRate, long Steps,
    IReadOnlyList<int> EncoderHidden, IReadOnlyList<int> DecoderHidden, int LatentDim, double TrainingSeconds);
/// <summary>A DP release made before training (e.g. category lists, quantiles) and its privacy cost.</summary>
/// <param name="Name">Mechanism name in the run's ledger.</param>
/// <param name="Description">What was released, in words.</param>
/// <param name="Event">The mechanism's privacy event as compact JSON.</param>
public sealed record PreprocessingCost(string Name, string Description, string Event);
/// <summary>The file's privacy guarantee and the DP-SGD parameters behind it.</summary>
public sealed record PrivacyDescription
{
    /// <summary>True only for a DP run with secret randomness: a replayable run has no guarantee.</summary>
    public required bool DifferentiallyPrivate { get; init; }
    /// <summary>The certified epsilon of the whole run; null without DP.</summary>
    public required double? Epsilon { get; init; }
    /// <summary>The delta the epsilon holds at.</summary>
    public required double Delta { get; init; }
    /// <summary>The accountant that certified the epsilon; null without DP.</summary>
    public required string? Accountant { get; init; }
    /// <summary>How far above the exact epsilon the figure may be (numerical accountants).</summary>
    public required double? EpsilonError { get; init; }
    /// <summary>The Rényi-DP bound, for comparison with the tighter figure.</summary>
    public required double? RdpEpsilon { get; init; }
    /// <summary>DP-SGD noise standard deviation per unit of clipping norm.</summary>
    public required double NoiseMultiplier { get; init; }
    /// <summary>Per-example gradient clipping norm.</summary>
    public required double MaxGradNorm { get; init; }
    /// <summary>Poisson sampling rate q of each batch.</summary>
    public required double SamplingRate { get; init; }
    /// <summary>DP-SGD steps taken.</summary>
    public required long Steps { get; init; }
    /// <summary>DP releases made before training, composed into the epsilon.</summary>
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
/// <param name="Audited">True when an audit was run.</param>
/// <param name="EmpiricalEpsilon">The canary audit's epsilon lower bound, when it ran.</param>
/// <param name="Canaries">Canaries the audit used, when it ran.</param>
/// <param name="Note">Why the other audit figures are not published.</param>
public sealed record PublishedAudit(bool Audited, double? EmpiricalEpsilon, int? Canaries, string Note)
{
    /// <summary>Columns whose synthetic marginal disagrees with the run's DP quantiles (compares DP outputs only: publishable).</summary>
    public IReadOnlyList<PublishedQualityWarning> QualityWarnings { get; init; } = [];
}
/// <summary>A published quality warning: a column whose synthetic distribution disagrees with the run's DP quantiles.</summary>
/// <param name="Column">Numeric column flagged.</param>
/// <param name="Deviation">Largest gap in cumulative probability between the synthetic CDF and a DP quantile knot.</param>
/// <param name="Allowed">The gap the DP noise and the sample size explain.</param>
public sealed record PublishedQualityWarning(string Column, double Deviation, double Allowed);

/// <summary>The audit figures the release decision and the owner's reports use (computed on private rows: never in a footer).</summary>
public sealed record AuditSummary
{
    /// <summary>The audit's verdict sentence.</summary>
    public required string Verdict { get; init; }
    /// <summary>True when the audit found a statistically clear leak.</summary>
    public required bool LeakDetected { get; init; }
    /// <summary>Highest upper 95% bound of any attack's AUC (1/2 without attacks).</summary>
    public required double MaxMiaAucUpper { get; init; }
    /// <summary>Highest attack true-positive rate at 1% false positives.</summary>
    public required double MaxTprAt1PctFpr { get; init; }
    /// <summary>Share of synthetic rows closer to training than to holdout rows.</summary>
    public required double DcrShare { get; init; }
    /// <summary>Share of synthetic rows that copy a training row.</summary>
    public required double TrainCopyRate { get; init; }
    /// <summary>Share of synthetic rows that copy a holdout row.</summary>
    public required double HoldoutCopyRate { get; init; }
    /// <summary>Synthetic identifier or PII cells repeating a training value.</summary>
    public required int PiiReplays { get; init; }
    /// <summary>The canary audit's epsilon lower bound; null without a canary run.</summary>
    public required double? EmpiricalEpsilon { get; init; }
    /// <summary>The audit's leak, warning and bug flags.</summary>
    public required IReadOnlyList<string> Flags { get; init; }
}
/// <summary>The policy a file was made under and its decisions.</summary>
/// <param name="Id">Policy id.</param>
/// <param name="Version">Policy version.</param>
/// <param name="Admission">The admission decision, when one was made.</param>
/// <param name="Release">The release decision, when one was made.</param>
public sealed record PolicyOutcome(string Id, int Version, PolicyDecision? Admission, PolicyDecision? Release);
/// <summary>A reviewer's approval of a release.</summary>
/// <param name="ApprovedBy">The reviewer's name or account.</param>
/// <param name="ApprovedUtc">When they approved.</param>
public sealed record ReviewerApproval(string ApprovedBy, DateTimeOffset ApprovedUtc);
/// <summary>How a file's rows were drawn.</summary>
/// <param name="Seed">Seed of the public draws from the released model.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="CreatedUtc">When the file was made.</param>
/// <param name="Segment">Set when the rows were drawn conditional on a segment: then the file describes that segment, not the population.</param>
public sealed record GenerationDescription(int Seed, long Rows, DateTimeOffset CreatedUtc, SegmentDescription? Segment = null);
/// <summary>
/// A conditional file's segment: its conditions (AND), target proportions, and a note that the file describes the
/// segment, not the population. Conditions are the requester's, not values of the source table.
/// </summary>
/// <param name="Conditions">The conditions as text.</param>
/// <param name="Proportions">The target proportions.</param>
/// <param name="Note">What a segment file describes, and that it cost no privacy budget.</param>
public sealed record SegmentDescription(IReadOnlyList<string> Conditions, IReadOnlyList<ProportionDescription> Proportions, string Note);
/// <summary>A target proportion of a segment.</summary>
/// <param name="Column">Column rebalanced.</param>
/// <param name="Value">The label given a share.</param>
/// <param name="Share">Fraction of the rows with that label.</param>
public sealed record ProportionDescription(string Column, string Value, double Share);
/// <summary>The software that wrote a file.</summary>
/// <param name="Name">Always "synthdata".</param>
/// <param name="Version">Its version.</param>
public sealed record SoftwareDescription(string Name, string Version);
