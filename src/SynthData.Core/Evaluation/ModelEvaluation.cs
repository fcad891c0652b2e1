using SynthData.Core.Generation;
using SynthData.Core.Model;
using SynthData.Core.Tabular;

namespace SynthData.Core.Evaluation;

/// <summary>Quality of one synthetic table against the real training rows, with optional efficacy on the holdout.</summary>
/// <param name="Generator">"dp_vae", "vae_no_privacy" or "independent_marginals".</param>
/// <param name="Quality">Shape, pair-trend and overall scores against the training rows.</param>
/// <param name="Efficacy">Train-synthetic-test-real result, or null when no target was given.</param>
public sealed record SyntheticTableEvaluation(string Generator, QualityReport Quality, MachineLearningEfficacyResult? Efficacy);

/// <summary>
/// Evaluates a model against the table it was trained on: a synthetic sample the size of the training
/// rows is scored against them (shape, pair trends, overall), and train-synthetic-test-real efficacy
/// uses the holdout the model never saw. Optionally the same figures for the independent-marginals
/// baseline, the bar a generator that learns structure must clear on pair trends.
/// </summary>
public static class ModelEvaluation
{
    /// <summary>Scores the model's sample (and the baseline's when <paramref name="includeBaseline"/>); efficacy only when both target column and positive label are given.</summary>
    public static IReadOnlyList<SyntheticTableEvaluation> Run(TrainedModel model, SourceTable source, int seed,
        string? targetColumn = null, string? positiveLabel = null, bool includeBaseline = true,
        MarginalCalibration calibration = MarginalCalibration.None)
    {
        var members = source.Members;
        var holdout = source.NonMembers;
        // One chunk: the evaluation sample is the size of the training rows, which are in memory anyway.
        var synthetic = new SyntheticTableGenerator(model, calibration: calibration).Generate(members.RowCount, seed, members.RowCount).Single();
        var results = new List<SyntheticTableEvaluation> { Evaluate(model.Manifest.Private ? "dp_vae" : "vae_no_privacy", synthetic) };
        if (includeBaseline)
            results.Add(Evaluate("independent_marginals", IndependentMarginalsBaseline.Sample(members, members.RowCount, DerivedSeed.For(seed, "baseline"))));
        return results;

        SyntheticTableEvaluation Evaluate(string name, TabularData table) => new(name, QualityReport.Compute(members, table),
            targetColumn is null || positiveLabel is null ? null
                : MachineLearningEfficacy.Compute(members, holdout, table, targetColumn, positiveLabel));
    }
}
