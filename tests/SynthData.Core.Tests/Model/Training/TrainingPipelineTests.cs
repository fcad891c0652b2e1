using SynthData.Core;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Rdp;
using SynthData.Core.Tabular.Encoding;
using SynthData.Core.Tests.TestSupport;
using Xunit;

namespace SynthData.Core.Tests.Model.Training;

public sealed class TrainingPipelineTests(SampleModelFixture fixture) : IClassFixture<SampleModelFixture>
{
    /// <summary>Events hold lists, which records compare by reference: compare their JSON instead.</summary>
    static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, SynthDataJson.Compact);

    [Fact]
    public void The_ledger_holds_every_preprocessing_mechanism_and_the_steps_taken()
    {
        var manifest = fixture.Model.Manifest;
        var planned = PreprocessingPlan.For(fixture.Input.Schema, manifest.Plan.Preprocessing).Events;
        var recorded = manifest.Ledger.Where(r => r.Name != "dp_sgd").Select(r => r.Event).ToList();
        Assert.Equal(Json(planned), Json(recorded));
        var sgd = Assert.Single(manifest.Ledger, r => r.Name == "dp_sgd");
        Assert.Equal(Json(NoiseCalibrator.TrainingEvent(manifest.Plan.SamplingRate, manifest.Plan.NoiseMultiplier, manifest.StepsTaken)), Json(sgd.Event));
        Assert.Equal(manifest.Plan.Steps, manifest.StepsTaken);
        // Each row's side is its own coin: the holdout of 4,000 rows is Bin(4000, 0.2), mean 800, sd 25.3 (5 sd
        // either side). B = 256 on about 3,200 rows: q = 256 / N near 0.08, and 2 epochs take ceil(2 / q) steps.
        Assert.Equal(4000, manifest.TrainingRows + manifest.HoldoutRows);
        Assert.InRange(manifest.HoldoutRows, 800 - 5 * 25.3, 800 + 5 * 25.3);
        Assert.Equal((long)Math.Ceiling(2 / (256.0 / manifest.TrainingRows)), manifest.StepsTaken);
    }

    [Fact]
    public void The_quoted_epsilon_composes_the_whole_ledger_and_meets_the_target()
    {
        var manifest = fixture.Model.Manifest;
        var guarantee = Assert.IsType<PrivacyReport>(manifest.Guarantee);
        // Recompute independently from the recorded events: the figure is the ledger's, not the plan's.
        var all = new ComposedEvent(manifest.Ledger.Select(r => r.Event).ToArray());
        Assert.Equal(new RdpAccountant().GetEpsilon(all, manifest.Plan.Delta).Epsilon, guarantee.Rdp.Epsilon, 9);
        Assert.True(guarantee.Best.Epsilon <= guarantee.Rdp.Epsilon);
        // The calibrator searched for sigma with the same PLD discretisation; the quoted figure may sit above the
        // target only by the reported discretisation error.
        Assert.True(guarantee.Best.Epsilon <= SampleModelFixture.TargetEpsilon + guarantee.Tight.EpsilonError + 1e-9,
            $"quoted {guarantee.Best.Epsilon} above the target");
        Assert.Equal(DeltaPolicy.Default(manifest.TrainingRows), manifest.Plan.Delta);
    }

    [Fact]
    public void Progress_reports_every_stage_and_a_growing_epsilon()
    {
        var train = fixture.Progress.Where(p => p.Stage == RunStage.Train).ToList();
        Assert.Contains(fixture.Progress, p => p.Stage == RunStage.Preprocess);
        Assert.NotEmpty(train);
        Assert.Equal(fixture.Model.Manifest.StepsTaken, train[^1].Step);
        var spent = train.Select(p => p.EpsilonSpent!.Value).ToList();
        Assert.True(spent.Zip(spent.Skip(1)).All(pair => pair.First <= pair.Second));
        // The running figure is the certified one: it ends on the guarantee (not the larger RDP bound).
        var guarantee = fixture.Model.Manifest.Guarantee!;
        Assert.Equal(guarantee.Best.Epsilon, spent[^1], 1e-6);
        Assert.True(guarantee.Best.Epsilon < guarantee.Rdp.Epsilon - 1e-3, "the test needs a run where the two accountants differ");
    }

    [Fact]
    public void The_artifact_reloads_with_its_hash_and_manifest()
    {
        using var loaded = TrainedModel.Load(fixture.ArtifactPath);
        Assert.Equal(fixture.Model.ArtifactSha256, loaded.ArtifactSha256);
        Assert.Equal(fixture.Model.Manifest.SourceFingerprint, loaded.Manifest.SourceFingerprint);
        Assert.Equal(Json(fixture.Model.Manifest.Ledger), Json(loaded.Manifest.Ledger));
        Assert.Equal(fixture.Model.Manifest.Schema.Columns.Select(c => c.Name), loaded.Manifest.Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public void An_auditor_rebuilds_the_same_members_and_refuses_another_table()
    {
        var source = SourceTable.ForModel(fixture.DataPath, fixture.Model, TestKeys.Fingerprint);
        Assert.Equal(fixture.Model.Manifest.TrainingRows, source.Members.RowCount);
        var (expected, _) = TrainingPipeline.Prepare(fixture.Input, fixture.Configuration);
        Assert.Equal(expected.Split.TrainingRows, source.Split.TrainingRows);

        var other = fixture.TempPath("other.csv");
        File.WriteAllLines(other, File.ReadLines(fixture.DataPath).Take(3000));
        var error = Assert.Throws<SourceMismatchException>(() => SourceTable.ForModel(other, fixture.Model, TestKeys.Fingerprint));
        Assert.Contains("fingerprint", error.Message);
    }

    [Fact]
    public void Bad_targets_are_refused_before_any_training()
    {
        var tooLargeDelta = fixture.Configuration with { Delta = 1.0 / 3000 };
        // The user's mistakes are typed input errors naming the option, not argument exceptions (which mean a bug).
        var e1 = Assert.Throws<InvalidInputException>(() => TrainingPipeline.Prepare(fixture.Input, tooLargeDelta));
        Assert.Contains("1/N", e1.Message);
        Assert.Equal("delta", e1.Field);
        Assert.Equal("epsilon", Assert.Throws<InvalidInputException>(() => TrainingPipeline.Prepare(fixture.Input, fixture.Configuration with { Epsilon = null })).Field);
        Assert.Equal("epsilon", Assert.Throws<InvalidInputException>(() => TrainingPipeline.Prepare(fixture.Input, fixture.Configuration with { Epsilon = -1 })).Field);
    }

    [Fact]
    public void Cancellation_reports_what_was_consumed()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress<RunProgress>(p => { if (p.Stage == RunStage.Train && p.Step >= 5) cancel.Cancel(); });
        var path = fixture.TempPath("cancelled.model");
        var error = Assert.Throws<TrainingCancelledException>(() =>
            TrainingPipeline.Run(fixture.Input, fixture.Configuration, path, progress, cancel.Token));
        Assert.InRange(error.StepsTaken, 5, 24);
        var sgd = Assert.Single(error.Consumed, r => r.Name == "dp_sgd");
        Assert.Equal(error.StepsTaken, ((SelfComposedEvent)sgd.Event).Count);
        Assert.False(File.Exists(path));
    }

}
