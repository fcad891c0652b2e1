using SynthData.Core.Evaluation;
using SynthData.Core.Model;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;
using SynthData.Core.Tests.Model.Training;
using SynthData.Core.Tests.TestSupport;
using Xunit;

namespace SynthData.Core.Tests.Evaluation;

public sealed class DpMarginalCheckTests(SampleModelFixture fixture) : IClassFixture<SampleModelFixture>
{
    [Fact]
    public void The_training_rows_themselves_raise_no_warning()
    {
        // The knots are DP quantiles of these very rows: their gap is the release's error alone, which the allowance
        // bounds at 4 standard deviations, so a check that flagged them would warn about every good generator.
        var members = SourceTable.ForModel(fixture.DataPath, fixture.Model, TestKeys.Fingerprint).Members;
        Assert.Empty(DpMarginalCheck.Run(fixture.Model, members));
    }

    [Fact]
    public void A_column_moved_by_its_own_spread_is_flagged_and_only_that_column()
    {
        var members = SourceTable.ForModel(fixture.DataPath, fixture.Model, TestKeys.Fingerprint).Members;
        var columns = Enumerable.Range(0, members.Schema.Columns.Count).Select(members.Column).ToArray();
        int balance = members.Schema.IndexOf("balance");
        var sorted = members.Numeric(balance).Where(v => !double.IsNaN(v)).Order().ToArray();
        double iqr = sorted[sorted.Length * 3 / 4] - sorted[sorted.Length / 4];
        columns[balance] = members.Numeric(balance).Select(v => v + iqr).ToArray();

        var warnings = DpMarginalCheck.Run(fixture.Model, new TabularData(members.Schema, columns));

        var warning = Assert.Single(warnings);
        Assert.Equal("balance", warning.Column);
        Assert.True(warning.Deviation > warning.Allowed);
    }

    [Fact]
    public void An_atom_is_compared_at_both_ends_of_its_levels()
    {
        // Knots -1 (levels 0 to 0.5: an atom holding half the rows), then 5 and 10.
        var transform = new QuantileTransform([-1, -1, -1, 5, 10], [0, 0.25, 0.5, 0.75, 1], clip: 5);
        var faithful = Enumerable.Repeat(-1.0, 500).Concat(Enumerable.Range(0, 500).Select(i => i / 50.0)).Order().ToArray();
        Assert.True(DpMarginalCheck.LargestGap(transform, faithful) < 0.02);
        // The atom lost: only 10% of rows at -1, so the share at or below -1 is 0.1 against 0.5.
        var lost = Enumerable.Repeat(-1.0, 100).Concat(Enumerable.Range(0, 900).Select(i => i / 90.0)).Order().ToArray();
        Assert.InRange(DpMarginalCheck.LargestGap(transform, lost), 0.39, 0.41);
    }
}
