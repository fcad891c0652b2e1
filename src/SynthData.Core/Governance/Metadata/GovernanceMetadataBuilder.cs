using System.Text.Json;
using SynthData.Core.Audits.Report;
using SynthData.Core.Generation;
using SynthData.Core.Generation.Conditions;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Randomness;

namespace SynthData.Core.Governance.Metadata;

/// <summary>Assembles a file's governance metadata from the model artifact, the audit and the policy decisions.</summary>
public static class GovernanceMetadataBuilder
{
    /// <summary>The footer record for a file of <paramref name="rows"/> rows drawn with <paramref name="seed"/>; <paramref name="policyId"/> null when no policy was checked.</summary>
    public static GovernanceMetadata Build(TrainedModel model, string datasetId, SyntheticTableGenerator generator, AuditReport? audit,
        string? policyId, int policyVersion, PolicyDecision? admission, PolicyDecision? release, ReviewerApproval? reviewer, int seed, long rows)
    {
        var m = model.Manifest;
        var config = m.Configuration;
        var released = generator.Schema.Columns.Select(c => c.Name).ToHashSet();
        return new GovernanceMetadata
        {
            Dataset = new DatasetLineage(datasetId, m.SourceRows, m.TrainingRows, m.HoldoutRows),
            SchemaFullyDeclared = m.Schema.InferredColumns.Count == 0,
            SchemaInferredColumns = m.Schema.InferredColumns,
            Schema = m.Schema.Columns.Select(c => new ColumnDescription(c.Name, c.Kind.ToString().ToLowerInvariant(),
                c.IsModelled ? "synthesised" : released.Contains(c.Name) ? "replaced" : "dropped")).ToArray(),
            Model = new ModelLineage(model.Id, model.ArtifactSha256),
            Training = new TrainingDescription(config.Epochs, config.BatchSizeFor(m.TrainingRows), config.LearningRate, m.StepsTaken,
                config.Model.EncoderHidden, config.Model.DecoderHidden, config.Model.LatentDim, m.TrainingSeconds),
            Privacy = new PrivacyDescription
            {
                DifferentiallyPrivate = m.Private && m.Randomness == RandomnessMode.Secure,
                Epsilon = m.Guarantee?.Best.Epsilon,
                Delta = m.Plan.Delta,
                Accountant = m.Guarantee?.Best.Accountant,
                EpsilonError = m.Guarantee?.Best.EpsilonError,
                RdpEpsilon = m.Guarantee?.Rdp.Epsilon,
                NoiseMultiplier = m.Plan.NoiseMultiplier,
                MaxGradNorm = m.Plan.MaxGradNorm,
                SamplingRate = m.Plan.SamplingRate,
                Steps = m.StepsTaken,
                Preprocessing = m.Ledger.Where(r => r.Name != "dp_sgd")
                    .Select(r => new PreprocessingCost(r.Name, r.Description, JsonSerializer.Serialize(r.Event, SynthDataJson.Compact))).ToArray(),
                Randomness = RandomnessLabel.Of(m.Randomness),
                Warning = m.Private ? RandomnessLabel.WarningFor(m.Randomness) : null,
                NeighbouringRelation = NeighbouringRelation,
            },
            Audit = audit is null ? null : Publish(audit),
            Policy = policyId is null ? null : new PolicyOutcome(policyId, policyVersion, admission, release),
            Reviewer = reviewer,
            Generation = new GenerationDescription(seed, rows, DateTimeOffset.UtcNow, Describe(generator.Segment)),
            Software = new SoftwareDescription("synthdata", TrainingPipeline.SoftwareVersion),
        };
    }

    /// <summary>What conditional generation records: the file is a segment of the model's population, drawn at no privacy cost.</summary>
    public const string SegmentNote =
        "this file describes a segment of the model's population, not the population: every row meets the conditions above " +
        "(and the proportions, when given, set the shares of the listed values). The rows were drawn from the released model " +
        "conditional on the segment (importance resampling of its latents, exact in the limit): post-processing that reads no " +
        "private row and spends no privacy budget.";

    static SegmentDescription? Describe(Segment? segment) => segment is null or { IsEmpty: true } ? null : new SegmentDescription(
        segment.Conditions.Select(c => c.Describe()).ToArray(),
        segment.Proportions.Select(p => new ProportionDescription(p.Column, p.Value, p.Share)).ToArray(),
        SegmentNote);

    /// <summary>The relation the code implements: each row's holdout side is its own keyed coin, so the training sets differ by at most that row.</summary>
    public const string NeighbouringRelation =
        "adding or removing any one row of the uploaded table (a person with several rows is covered by group privacy: k rows, roughly k times epsilon)";

    /// <summary>The consumer's view of an audit: no figure computed on private rows.</summary>
    public static PublishedAudit Publish(AuditReport audit) => new(true, audit.Canary?.EmpiricalEpsilonLowerBound, audit.Canary?.Canaries,
        "membership-inference, distance and copy figures are computed on the private rows without differential privacy; they are held by the data owner and the reviewers")
    {
        QualityWarnings = audit.QualityWarnings.Select(w => new PublishedQualityWarning(w.Column, Math.Round(w.Deviation, 4), Math.Round(w.Allowed, 4))).ToArray(),
    };

    /// <summary>The audit's headline figures: the strongest attack, copy rates, DCR share, replays and the canary bound.</summary>
    public static AuditSummary Summarise(AuditReport audit)
    {
        var l = audit.Leakage;
        return new AuditSummary
        {
            Verdict = audit.Verdict,
            LeakDetected = audit.LeakDetected,
            MaxMiaAucUpper = audit.Attacks.Count == 0 ? 0.5 : audit.Attacks.Max(a => a.AucInterval95.Upper),
            MaxTprAt1PctFpr = audit.Attacks.Count == 0 ? 0 : audit.Attacks.Max(a => a.TprAt1PctFpr),
            DcrShare = l.DcrCloserToTraining.Share,
            TrainCopyRate = l.ExactCopiesOfTraining.Share,
            HoldoutCopyRate = l.ExactCopiesOfHoldout.Share,
            PiiReplays = l.ReplayedIdentifierOrPiiCells,
            EmpiricalEpsilon = audit.Canary?.EmpiricalEpsilonLowerBound,
            Flags = audit.Flags,
        };
    }

    /// <summary>The evidence a release decision needs, from the audit report.</summary>
    public static ReleaseEvidence Evidence(AuditReport audit, bool? reviewerApproved)
    {
        var s = Summarise(audit);
        return new ReleaseEvidence
        {
            MiaAucUpper = s.MaxMiaAucUpper,
            TprAt1PctFpr = s.MaxTprAt1PctFpr,
            DcrShare = s.DcrShare,
            TrainCopyRate = s.TrainCopyRate,
            HoldoutCopyRate = s.HoldoutCopyRate,
            PiiReplays = s.PiiReplays,
            EmpiricalEpsilon = s.EmpiricalEpsilon,
            TheoreticalEpsilon = audit.Guarantee?.Epsilon,
            ReviewerApproved = reviewerApproved,
            ReplayableRandomness = audit.Guarantee?.Replayable ?? false,
            SchemaInferredColumns = audit.SchemaInferredColumns,
            QualityWarningColumns = audit.QualityWarnings.Select(w => w.Column).ToArray(),
        };
    }

    /// <summary>The two footer entries: synthdata.version and synthdata.governance (compact JSON).</summary>
    public static Dictionary<string, string> FooterEntries(GovernanceMetadata metadata) => new()
    {
        [GovernanceMetadata.VersionKey] = metadata.Software.Version,
        [GovernanceMetadata.GovernanceKey] = JsonSerializer.Serialize(metadata, SynthDataJson.Compact),
    };
}
