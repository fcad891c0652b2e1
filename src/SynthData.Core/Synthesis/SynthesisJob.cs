using SynthData.Core.Audits;
using SynthData.Core.Generation;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Release;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Tabular;

namespace SynthData.Core.Synthesis;

/// <summary>
/// The main job: schema and split, the admission decision and budget reservation (before any model
/// touches the rows), DP preprocessing and training, the audit, the release decision, then the
/// synthetic Parquet with its governance footer and a model card. The report is written whatever the
/// decision; the Parquet only when the policy allows. The ledger is settled with what the run
/// actually consumed, also when it fails or is cancelled.
/// </summary>
public static class SynthesisJob
{
    /// <summary>Runs the whole job; returns the outcome whether or not the synthetic file was released.</summary>
    public static SynthesisResult Run(SynthesisRequest request, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var policy = request.Policy;
        // A non-private run is allowed only as a labelled baseline: it is audited and can never pass release.
        var config = request.Training.NoPrivacy ? request.Training : request.Training with { Epsilon = request.Training.Epsilon ?? policy.MaxEpsilonPerRelease };
        if (request.Rows < 1) throw new InvalidInputException($"--rows must be at least 1; got {request.Rows}.", "rows");
        progress?.Report(RunProgress.Entering(RunStage.Plan));
        var ledger = PrivacyBudgetLedger.Open(request.LedgerPath, new BestOfAccountants());
        // A table declared a version of a dataset (train --version-of) keeps that dataset's budget here too.
        var versions = DatasetVersions.Open(DatasetVersions.PathBeside(request.LedgerPath));
        var run = LedgeredTraining.Admit(request.Input, config, policy, ledger, fingerprint => versions.DatasetIdFor(ledger, fingerprint, null));
        var (source, plan, admission, _) = run;
        string datasetId = run.DatasetId;
        long rows = request.Rows ?? source.All.RowCount;
        if (!admission.Allowed)
            return new SynthesisResult { Released = false, DatasetId = datasetId, Admission = admission, LifetimeEpsilon = ledger.LifetimeEpsilon(datasetId, plan.Delta) };

        string modelPath = Path.ChangeExtension(Path.GetFullPath(request.OutputPath), ".model");
        using var model = LedgeredTraining.Train(run, ledger, request.Input, config, modelPath, progress, cancellationToken);

        progress?.Report(RunProgress.Entering(RunStage.Audit));
        // The canary run trains on the model's synthetic rows (no private row read): it costs no epsilon.
        var auditOptions = new ModelAuditOptions { Canaries = request.Canaries, Seed = config.Seed, Randomness = config.Randomness };
        var audit = ModelAudit.Run(model, source, auditOptions);
        double lifetime = ledger.LifetimeEpsilon(datasetId, plan.Delta);
        var (reportJson, reportHtml) = ModelAudit.Write(audit, source, request.ReportDirectory);
        var release = ReleaseStateMachine.Decide(policy, audit.Report, request.Reviewer is null ? null : true).Decision;
        var audited = new SynthesisResult
        {
            Released = false, DatasetId = datasetId, Admission = admission, Release = release, LifetimeEpsilon = lifetime,
            ModelPath = modelPath, ReportHtml = reportHtml, ReportJson = reportJson, Audit = audit.Report,
        };
        if (!release.Allowed) return audited;

        progress?.Report(RunProgress.Entering(RunStage.Generate));
        var generator = new SyntheticTableGenerator(model, policy.ReleaseOf);
        var metadata = GovernanceMetadataBuilder.Build(model, datasetId, generator, audit.Report, policy.Id, policy.Version, admission, release,
            request.Reviewer, request.GenerationSeed, rows);
        SyntheticParquet.WriteFileAsync(generator, rows, request.GenerationSeed, request.OutputPath,
            GovernanceMetadataBuilder.FooterEntries(metadata), cancellationToken: cancellationToken).GetAwaiter().GetResult();
        string cardPath = Path.ChangeExtension(Path.GetFullPath(request.OutputPath), ".card.md");
        File.WriteAllText(cardPath, ModelCard.ToMarkdown(metadata, Path.GetFileName(request.OutputPath)));
        return audited with { Released = true, OutputPath = request.OutputPath, ModelCardPath = cardPath, Metadata = metadata };
    }
}
