using System.Diagnostics;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;

namespace SynthData.Core.Model.Training;

/// <summary>Where the private table is and how to read it.</summary>
/// <param name="FingerprintKey">The installation's secret keying the content fingerprint (<see cref="Tabular.FingerprintKey"/>).</param>
/// <param name="Path">The CSV or Parquet file holding the private table.</param>
/// <param name="Schema">The resolved schema the table is read with.</param>
/// <param name="ReadOptions">Limits and format options for reading; null for the defaults.</param>
public sealed record TrainingInput(string Path, TableSchema Schema, byte[] FingerprintKey, TableReadOptions? ReadOptions = null);

/// <summary>
/// Table file to model artifact: load, split (secret keyed coins, before anything is fitted), plan the privacy
/// budget from public parameters, fit the DP transformer and train the VAE on the training rows only,
/// then account for every mechanism in the ledger and write the artifact.
/// </summary>
public static class TrainingPipeline
{
    /// <summary>This assembly's version (major.minor.patch), recorded in every manifest.</summary>
    public static readonly string SoftwareVersion =
        typeof(TrainingPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Plans without training: the figures a policy admission decision needs.</summary>
    public static (SourceTable Source, PrivacyPlan Plan) Prepare(TrainingInput input, TrainingConfiguration config) =>
        Prepare(input, config, RunRandomness.For(config.Randomness, config.Seed).Key("split"));

    /// <summary>Plans with a given split key: a run planned before (admitted elsewhere) splits its rows the same way again.</summary>
    public static (SourceTable Source, PrivacyPlan Plan) Prepare(TrainingInput input, TrainingConfiguration config, byte[] splitKey)
    {
        var source = SourceTable.Load(input.Path, input.Schema, config.HoldoutFraction, splitKey, input.FingerprintKey, input.ReadOptions);
        var plan = PrivacyPlan.Create(config, input.Schema, source.Split.TrainingRows.Length);
        return (source, plan);
    }

    /// <summary>Plans and trains from the table file, writing the artifact to <paramref name="artifactPath"/>.</summary>
    public static TrainedModel Run(TrainingInput input, TrainingConfiguration config, string artifactPath,
        IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(RunProgress.Entering(RunStage.Plan));
        var (source, plan) = Prepare(input, config);
        return Run(source, plan, input.Schema, config, artifactPath, progress, cancellationToken);
    }

    /// <summary>Trains an already planned (and admitted) run and writes the artifact; <paramref name="beforeStep"/> is called before each DP-SGD step.</summary>
    public static TrainedModel Run(SourceTable source, PrivacyPlan plan, TableSchema schema, TrainingConfiguration config,
        string artifactPath, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default,
        Action<long>? beforeStep = null)
    {
        var clock = Stopwatch.StartNew();
        var trained = ModelTrainer.Train(source.Members, plan, config, progress, cancellationToken, beforeStep);
        if (trained.Outcome.Cancelled)
        {
            trained.Vae.Dispose();
            throw new TrainingCancelledException(trained.Outcome.StepsTaken, trained.Ledger);
        }
        progress?.Report(RunProgress.Entering(RunStage.Save, trained.Outcome.StepsTaken, plan.Steps, trained.Outcome.FinalMeanLoss));
        var manifest = new ModelManifest
        {
            SoftwareVersion = SoftwareVersion,
            CreatedUtc = DateTimeOffset.UtcNow,
            Schema = schema,
            TransformerJson = trained.Transformer.ToJson(),
            Configuration = config,
            Private = plan.Private,
            Plan = plan,
            Ledger = trained.Ledger,
            Guarantee = plan.Private ? Account(trained.Ledger, plan.Delta) : null,
            StepsTaken = trained.Outcome.StepsTaken,
            FinalMeanLoss = trained.Outcome.FinalMeanLoss,
            TrainingSeconds = clock.Elapsed.TotalSeconds,
            SourceFingerprint = source.Fingerprint,
            DatasetId = source.DatasetId,
            SourceRows = source.All.RowCount,
            Randomness = config.Randomness,
            HoldoutFraction = config.HoldoutFraction,
            TrainingRows = source.Split.TrainingRows.Length,
            HoldoutRows = source.Split.HoldoutRows.Length,
        };
        var model = TrainedModel.Save(artifactPath, manifest, trained.Transformer, trained.Vae);
        SplitKeyFile.Write(artifactPath, source.SplitKey);
        return model;
    }

    /// <summary>The guarantee of a ledger: every recorded mechanism composed by both accountants, the smaller quoted.</summary>
    public static PrivacyReport Account(IReadOnlyList<MechanismRecord> ledger, double delta) =>
        new BestOfAccountants().Report(new ComposedEvent(ledger.Select(r => r.Event).ToArray()), delta);
}
