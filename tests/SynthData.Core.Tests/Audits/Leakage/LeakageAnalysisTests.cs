using SynthData.Core.Audits.Canaries;
using SynthData.Core.Audits.Distances;
using SynthData.Core.Audits.Leakage;
using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Audits.Leakage;

public class LeakageAnalysisTests
{
    const int Rows = 600;

    static (TabularData Training, TabularData Holdout, TabularData Fresh) Tables()
    {
        var random = new Random(5);
        return (AuditTables.Draw(random, Rows, "train"), AuditTables.Draw(random, Rows, "hold"), AuditTables.Draw(random, Rows, "syn"));
    }

    static LeakageReport Analyse(TabularData training, TabularData holdout, TabularData synthetic) =>
        LeakageAnalysis.Run(training, holdout, synthetic, GowerDistance.FromReference(training), seed: 3).Report;

    [Fact]
    public void ExactCopiesOfTenPercentOfTrainingAreCaught()
    {
        var (training, holdout, fresh) = Tables();
        // 60 training rows (10%) copied, with their identifiers replaced: only modelled columns count.
        var copied = AuditTables.NoisyCopy(training.SelectRows(Enumerable.Range(0, Rows / 10).ToArray()), new Random(1), 0, "copy");
        var synthetic = TableConcatenation.Append(copied, fresh.SelectRows(Enumerable.Range(0, Rows - Rows / 10).ToArray()));

        var report = Analyse(training, holdout, synthetic);

        // Continuous cells drawn independently never coincide exactly, so every copy is found and nothing else.
        Assert.Equal(Rows / 10, report.ExactCopiesOfTraining.Count);
        Assert.Equal(0, report.ExactCopiesOfHoldout.Count);
        Assert.True(report.ExcessExactCopies);
        Assert.Equal(Rows / 10, report.TrainingRowsReplayed.Count);
        // 60 of 600 synthetic rows at distance 0 from training; the other 540 split about evenly:
        // expected share 0.1 + 0.9/2 = 0.55, only ~2.4 binomial sd above 1/2, so only the estimate is checked.
        Assert.True(report.DcrCloserToTraining.Share > 0.5);
        Assert.True(report.NndrTraining.Percentile5 < report.NndrHoldout.Percentile5);
    }

    [Fact]
    public void CleanSyntheticDataShowsNoExcess()
    {
        var (training, holdout, fresh) = Tables();
        var report = Analyse(training, holdout, fresh);
        Assert.Equal(0, report.ExactCopiesOfTraining.Count);
        Assert.False(report.ExcessExactCopies);
        // Without leakage "closer to training" is Bernoulli(1/2) (ties split by a coin): the 95% CI covers 1/2 (fixed seed).
        Assert.InRange(0.5, report.DcrCloserToTraining.Lower, report.DcrCloserToTraining.Upper);
        Assert.False(report.DcrFavoursTraining);
        Assert.Equal(0, report.ReplayedIdentifierOrPiiCells);
    }

    [Fact]
    public void PlantedIdentifiersAndEmailsAreCountedWithoutTheirValues()
    {
        var (training, holdout, fresh) = Tables();
        var ids = fresh.Labels("id");
        var emails = fresh.Labels("email");
        for (int i = 0; i < 3; i++) ids[10 * i] = training.Labels("id")[i];
        for (int i = 0; i < 7; i++) emails[5 * i + 1] = training.Labels("email")[40 + i];
        emails[2] = training.Labels("email")[40]; // the same training email twice: 8 cells, 7 distinct

        var report = Analyse(training, holdout, fresh);

        var id = Assert.Single(report.IdentifierAndPiiReplay, r => r.Column == "id");
        var email = Assert.Single(report.IdentifierAndPiiReplay, r => r.Column == "email");
        Assert.Equal((3, 3), (id.SyntheticCells, id.DistinctValues));
        Assert.Equal((8, 7), (email.SyntheticCells, email.DistinctValues));
        Assert.Equal("pii:Email", email.Kind);
        var json = System.Text.Json.JsonSerializer.Serialize(report, SynthDataJson.Options);
        Assert.DoesNotContain("@example.org", json);
        Assert.DoesNotContain("train-", json);
    }

    [Fact]
    public void RareTrainingCategoriesReappearingAreCounted()
    {
        var (training, holdout, fresh) = Tables();
        var trainingLabels = training.Labels("c1");
        trainingLabels[0] = "rare-a"; trainingLabels[1] = "rare-a"; trainingLabels[2] = "rare-b";
        var synthetic = fresh.Labels("c1");
        synthetic[7] = "rare-a"; synthetic[8] = "rare-a";

        var report = Analyse(training, holdout, fresh);

        var c1 = Assert.Single(report.RareCategories, r => r.Column == "c1");
        Assert.Equal(2, c1.RareCategories);          // rare-a (2 rows) and rare-b (1 row) are below 5
        Assert.Equal(1, c1.RareCategoriesReplayed);  // only rare-a comes back
        Assert.Equal(2, c1.SyntheticCells);
        Assert.Equal(0, Assert.Single(report.RareCategories, r => r.Column == "c0").RareCategoriesReplayed);
    }
}
