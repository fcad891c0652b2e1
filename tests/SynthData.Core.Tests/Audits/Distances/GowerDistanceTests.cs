using SynthData.Core.Audits.Distances;
using SynthData.Core.Tabular;
using static SynthData.Core.Tests.TestSupport.RandomTables;

namespace SynthData.Core.Tests.Audits.Distances;

public class GowerDistanceTests
{
    static readonly TableSchema Schema = new([
        Numeric("age"),
        Categorical("job"),
        new ColumnSchema { Name = "id", Kind = ColumnKind.Identifier },
        Numeric("balance"),
    ]);

    [Fact]
    public void AveragesCappedNumericAndCategoricalTermsOverModelledColumns()
    {
        // Reference ranges: age 20..60 (40), balance 0..100 (100).
        var real = new TabularData(Schema, [
            new double[] { 20, 60, 30 }, new string?[] { "a", "b", null }, new string?[] { "1", "2", "3" }, new double[] { 0, 100, double.NaN }]);
        var distance = GowerDistance.FromReference(real);
        Assert.Equal(["age", "job", "balance"], distance.Columns);

        // Row 0 vs row 1: age 40/40 = 1, job differs 1, balance 100/100 = 1 -> 1.
        Assert.Equal(1.0, distance.Between(real, 0, real, 1), 12);
        // Row 0 vs row 2: age 10/40, job present vs missing 1, balance present vs missing 1.
        Assert.Equal((0.25 + 1 + 1) / 3, distance.Between(real, 0, real, 2), 12);

        var synthetic = new TabularData(Schema, [
            new double[] { 200 }, new string?[] { null }, new string?[] { null }, new double[] { double.NaN }]);
        // Age 180/40 capped at 1; missing vs missing counts 0 for job and balance.
        Assert.Equal(1.0 / 3, distance.Between(synthetic, 0, real, 2), 12);
        Assert.Equal(0.0, distance.Between(real, 1, real, 1));
    }
}
