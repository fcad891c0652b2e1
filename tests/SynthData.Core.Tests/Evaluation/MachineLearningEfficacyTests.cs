using SynthData.Core.Audits.Statistics;
using SynthData.Core.Evaluation;
using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Evaluation;

public class MachineLearningEfficacyTests
{
    static readonly TableSchema Schema = new([
        new ColumnSchema { Name = "a", Kind = ColumnKind.Continuous, Nullable = true },
        new ColumnSchema { Name = "b", Kind = ColumnKind.Continuous },
        new ColumnSchema { Name = "colour", Kind = ColumnKind.Categorical },
        new ColumnSchema { Name = "target", Kind = ColumnKind.Boolean },
    ]);

    /// <summary>
    /// Rows with logit = 3 a - 2 b + (colour == "red" ? 1.5 : -1.5) when signal is on (a and b
    /// standard normal, on very different scales in storage), or a fair coin otherwise. Also returns
    /// the true probabilities, for the oracle AUC.
    /// </summary>
    static (TabularData Table, double[] TrueProbability) Rows(int rows, int seed, bool signal)
    {
        var random = new Random(seed);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, random);
        var a = new double[rows];
        var b = new double[rows];
        var colour = new string?[rows];
        var target = new string?[rows];
        var probability = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double za = normal.Sample(), zb = normal.Sample();
            bool red = random.Next(2) == 0;
            double logit = signal ? 3 * za - 2 * zb + (red ? 1.5 : -1.5) : 0;
            probability[i] = 1 / (1 + Math.Exp(-logit));
            a[i] = i % 31 == 0 ? double.NaN : 1000 + 50 * za;
            b[i] = 0.01 * zb;
            colour[i] = red ? "red" : "blue";
            target[i] = random.NextDouble() < probability[i] ? "true" : "false";
        }
        return (new TabularData(Schema, [a, b, colour, target]), probability);
    }

    [Fact]
    public void RecoversALinearSignal()
    {
        var (training, _) = Rows(1500, seed: 1, signal: true);
        var (holdout, trueProbability) = Rows(1000, seed: 2, signal: true);
        var result = MachineLearningEfficacy.Compute(training, holdout, training, "target", "true");

        // The Bayes-optimal score is the true probability; the fitted model cannot beat it on
        // average, and with 1500 rows and 5 parameters it should come within a couple of points.
        var positives = Enumerable.Range(0, holdout.RowCount).Where(i => holdout.Labels("target")[i] == "true").ToArray();
        var negatives = Enumerable.Range(0, holdout.RowCount).Where(i => holdout.Labels("target")[i] == "false").ToArray();
        double oracle = RocAnalysis.Auc(positives.Select(i => trueProbability[i]).ToArray(), negatives.Select(i => trueProbability[i]).ToArray());
        Assert.True(oracle > 0.9, $"oracle AUC {oracle}");
        Assert.True(result.RealTrainedAuc > 0.9, $"AUC {result.RealTrainedAuc}");
        Assert.True(result.RealTrainedAuc > oracle - 0.02, $"AUC {result.RealTrainedAuc} vs oracle {oracle}");
        // Same training rows as synthetic and as real: the same deterministic model.
        Assert.Equal(result.RealTrainedAuc, result.SyntheticTrainedAuc, 12);
        Assert.Equal(1000, result.HoldoutRows);
    }

    [Fact]
    public void PureNoiseGivesChanceLevel()
    {
        var (training, _) = Rows(1500, seed: 3, signal: false);
        var (holdout, _) = Rows(1000, seed: 4, signal: false);
        var result = MachineLearningEfficacy.Compute(training, holdout, training, "target", "true");

        // Holdout labels are independent of the holdout features, hence of the model's scores, so
        // the AUC follows the Mann-Whitney null: mean 1/2, sd sqrt((n1 + n0 + 1)/(12 n1 n0)) ~ 0.018
        // for ~500 per class (continuous features make tied scores negligible). 4 sd ~ 0.075.
        Assert.InRange(result.RealTrainedAuc, 0.425, 0.575);
    }
}
