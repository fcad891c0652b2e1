using SynthData.Core.Audits.Statistics;
using SynthData.Core.Tabular;

namespace SynthData.Core.Evaluation;

/// <summary>Train-synthetic-test-real result: holdout AUCs of the same model family trained on synthetic vs real rows.</summary>
/// <param name="TargetColumn">Column predicted.</param>
/// <param name="PositiveLabel">Label counted as the positive class.</param>
/// <param name="SyntheticTrainedAuc">AUC on the real holdout of a model trained on the synthetic rows.</param>
/// <param name="RealTrainedAuc">AUC on the real holdout of a model trained on the real training rows (the reference).</param>
/// <param name="HoldoutRows">Holdout rows with a present target, on which both AUCs are computed.</param>
public sealed record MachineLearningEfficacyResult(
    string TargetColumn, string PositiveLabel, double SyntheticTrainedAuc, double RealTrainedAuc, int HoldoutRows);

/// <summary>
/// Machine-learning efficacy (train on synthetic, test on real): an L2-regularised logistic
/// regression (see <see cref="LogisticRegression"/>, deterministic) predicts whether a categorical or
/// boolean target column equals a positive label. Rows whose target is missing are left out.
/// The holdout must not have been used to train the generator. Computed from private rows without
/// noise: a diagnostic for the data owner, not covered by the differential-privacy guarantee.
/// </summary>
public static class MachineLearningEfficacy
{
    /// <summary>Trains the regression on the synthetic rows and on the real training rows, and scores both on the real holdout.</summary>
    public static MachineLearningEfficacyResult Compute(
        TabularData realTraining,
        TabularData realHoldout,
        TabularData synthetic,
        string targetColumn,
        string positiveLabel,
        double l2Penalty = 1e-3)
    {
        var holdout = LabelledRows(realHoldout, targetColumn, nameof(realHoldout));
        if (holdout.Labels.All(l => l) || !holdout.Labels.Any(l => l))
            throw new InvalidInputException($"The holdout needs rows of both classes of '{targetColumn}' to compute an AUC.");
        double syntheticAuc = HoldoutAuc(synthetic, nameof(synthetic));
        double realAuc = HoldoutAuc(realTraining, nameof(realTraining));
        return new MachineLearningEfficacyResult(targetColumn, positiveLabel, syntheticAuc, realAuc, holdout.Rows.Count);

        double HoldoutAuc(TabularData training, string tableName)
        {
            var train = LabelledRows(training, targetColumn, tableName);
            var encoder = new TabularFeatureEncoder(training, new HashSet<string> { targetColumn });
            var model = LogisticRegression.Fit(encoder.Encode(training, train.Rows), train.Labels, l2Penalty);
            var scores = model.PredictProbabilities(encoder.Encode(realHoldout, holdout.Rows));
            var positives = scores.Where((_, i) => holdout.Labels[i]).ToArray();
            var negatives = scores.Where((_, i) => !holdout.Labels[i]).ToArray();
            return RocAnalysis.Auc(positives, negatives);
        }

        (List<int> Rows, List<bool> Labels) LabelledRows(TabularData table, string target, string tableName)
        {
            int index = table.Schema.IndexOf(target);
            if (index < 0 || !table.Schema.Columns[index].IsCategorical)
                throw new InvalidInputException($"Table '{tableName}' has no categorical or boolean column '{target}' to predict.");
            var labels = table.Labels(index);
            var rows = new List<int>();
            var isPositive = new List<bool>();
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] is null) continue;
                rows.Add(i);
                isPositive.Add(string.Equals(labels[i], positiveLabel, StringComparison.Ordinal));
            }
            if (rows.Count == 0) throw new InvalidInputException($"Table '{tableName}' has no row with a present '{target}'.");
            return (rows, isPositive);
        }
    }
}
