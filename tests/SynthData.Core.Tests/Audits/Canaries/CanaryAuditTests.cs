using SynthData.Core.Audits;
using SynthData.Core.Audits.Canaries;
using SynthData.Core.Audits.Distances;
using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Audits.Canaries;

public class CanaryAuditTests
{
    const int Canaries = 200;
    const double Delta = 1e-5;

    static TabularData Training() => AuditTables.Draw(new Random(23), 300, "t");

    /// <summary>Canaries from the same distribution as the base rows; seeded coins (a test may replay them).</summary>
    static CanarySetup Setup(TabularData baseRows, Func<TabularData, Func<TabularData, double[]>> train) =>
        new(baseRows, AuditTables.Draw(new Random(5), Canaries, "canary"), new Random(4), train);

    /// <summary>A "model" whose loss is the distance to its nearest training row: it remembers every row exactly.</summary>
    static Func<TabularData, double[]> Memorise(TabularData trainedOn)
    {
        var distance = GowerDistance.FromReference(trainedOn);
        return rows => NearestNeighbours.Find(rows, trainedOn, distance).NearestDistance;
    }

    /// <summary>
    /// Included canaries have loss 0, excluded ones a positive loss, so with k = 50 per side all 100
    /// guesses are right (about 100 canaries are included). At the Bonferroni level 0.05/5 = 0.01,
    /// p^100 &lt;= 0.01 needs p &gt;= 0.955, i.e. eps &gt;= ln(0.955/0.045) ~ 3.05; the 2 m delta term
    /// is negligible. So the bound must exceed 2.5.
    /// </summary>
    [Fact]
    public void AMemorisingTrainerGivesAPositiveLowerBound()
    {
        var training = Training();
        var result = CanaryAudit.Run(Setup(training, Memorise), Delta);
        Assert.Equal(Canaries, result.Canaries);
        Assert.InRange(result.Included, 70, 130); // Bin(200, 1/2): mean 100, sd 7
        Assert.Equal(result.Guesses, result.Correct);
        Assert.True(result.EmpiricalEpsilonLowerBound > 2.5, $"bound {result.EmpiricalEpsilonLowerBound}");
    }

    /// <summary>Scores independent of the inclusion bits: correct guesses are Bin(r, 1/2), so eps = 0 is rejected with probability at most 5% overall; with this seed the bound is 0.</summary>
    [Fact]
    public void ATrainerIgnoringItsDataGivesABoundOfZero()
    {
        var training = Training();
        var result = CanaryAudit.Run(Setup(training, _ => rows => rows.Numeric("x0").ToArray()), Delta);
        Assert.Equal(0, result.EmpiricalEpsilonLowerBound);
    }

    [Fact]
    public void AnEmpiricalEpsilonAboveTheClaimIsFlaggedAsABug()
    {
        var training = Training();
        var holdout = AuditTables.Draw(new Random(24), 300, "h");
        var synthetic = AuditTables.Draw(new Random(25), 300, "s");
        var options = new AuditOptions
        {
            BootstrapResamples = 50,
            Canary = Setup(training, Memorise),
            Guarantee = new TheoreticalGuarantee(1.0, Delta, "test"),
        };
        var report = AuditRunner.Run(new AuditInputs(training, holdout, synthetic, AuditTables.Schema, null, 3), options);
        Assert.NotNull(report.Canary);
        Assert.Contains(report.Flags, f => f.StartsWith("BUG:"));
    }
}
