using SynthData.Core.Audits.Report;
using SynthData.Core.Evaluation;
using SynthData.Core.Generation;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Tabular;

namespace SynthData.Core.Audits;

/// <summary>How a trained model is audited.</summary>
public sealed record ModelAuditOptions
{
    /// <summary>m canaries for the one-run audit (0 skips it; it costs one more training run).</summary>
    public int Canaries { get; init; }
    /// <summary>Latent draws averaged in each row's white-box loss.</summary>
    public int LossDraws { get; init; } = 8;
    public int Seed { get; init; }
    public int BootstrapResamples { get; init; } = 500;
}

/// <summary>An audit's report with the synthetic sample it drew (for the HTML page's plots).</summary>
public sealed record ModelAuditResult(AuditReport Report, TabularData Synthetic);

/// <summary>
/// Audits a trained model against its source table: members and non-members rebuilt from the
/// artifact's split, a seeded synthetic sample the size of the members, the white-box loss from the
/// model, and (optionally) a canary run trained with exactly the model's privacy plan.
/// </summary>
public static class ModelAudit
{
    public static ModelAuditResult Run(TrainedModel model, SourceTable source, ModelAuditOptions options)
    {
        var members = source.Members;
        var synthetic = new SyntheticTableGenerator(model).Generate(members.RowCount, DerivedSeed.For(options.Seed, "audit-sample"), members.RowCount).Single();
        var manifest = model.Manifest;
        var guarantee = manifest.Guarantee is { } g ? new TheoreticalGuarantee(g.Best.Epsilon, g.Best.Delta, g.Best.Accountant) : null;
        var auditOptions = new AuditOptions
        {
            Canaries = options.Canaries,
            BootstrapResamples = options.BootstrapResamples,
            Guarantee = guarantee,
            Quality = QualityReport.Compute(members, synthetic),
            TrainWithCanaries = options.Canaries > 0 ? rows => TrainLikeTheModel(manifest, rows, options) : null,
        };
        var inputs = new AuditInputs(members, source.NonMembers, synthetic, manifest.Schema,
            data => RowLosses(model.Transformer, model.Vae, data, options), options.Seed);
        return new ModelAuditResult(AuditRunner.Run(inputs, auditOptions), synthetic);
    }

    /// <summary>Writes report.json and the self-contained report.html into the folder; returns their paths.</summary>
    public static (string Json, string Html) Write(ModelAuditResult result, SourceTable source, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "report.json");
        var html = Path.Combine(directory, "report.html");
        File.WriteAllText(json, result.Report.ToJson());
        var dcr = result.Report.Dcr;
        AuditHtmlReport.Write(result.Report, source.Members, result.Synthetic, dcr?.ToTraining ?? [], dcr?.ToHoldout ?? [], html);
        return (json, html);
    }

    /// <summary>
    /// Each row's loss on its deterministic encoding (the middle of each dequantisation band): members and
    /// non-members are scored alike, without the variance a random band draw would add to the attack.
    /// </summary>
    static double[] RowLosses(Tabular.Encoding.TableTransformer transformer, TabularVae vae, TabularData data, ModelAuditOptions options) =>
        vae.MeanRowLosses(transformer.Encode(data), data.RowCount, options.LossDraws, DerivedSeed.For(options.Seed, "loss-draws"));

    /// <summary>The canary run: the model's configuration and privacy plan (same sigma, q, steps), on the given rows.</summary>
    static Func<TabularData, double[]> TrainLikeTheModel(ModelManifest manifest, TabularData rows, ModelAuditOptions options)
    {
        var trained = ModelTrainer.Train(rows, manifest.Plan, manifest.Configuration);
        return data => RowLosses(trained.Transformer, trained.Vae, data, options);
    }
}
