using SynthData.Core.Audits.Distances;
using SynthData.Core.Tabular;
using static SynthData.Core.Tests.TestSupport.RandomTables;

namespace SynthData.Core.Tests.Audits.Distances;

public class NearestNeighboursTests
{
    // float32 sums of at most 8 terms in [0, 1]: absolute error well below 1e-5 after averaging.
    const double Tolerance = 1e-5;

    static readonly TableSchema Schema = new([
        Numeric("inRange"),
        Numeric("wide"),
        Categorical("few"),
        Categorical("many"),
        new ColumnSchema { Name = "id", Kind = ColumnKind.Identifier },
        Numeric("allMissing"),
        new ColumnSchema { Name = "flag", Kind = ColumnKind.Boolean },
        new ColumnSchema { Name = "integer", Kind = ColumnKind.Integer },
    ]);

    /// <summary>
    /// Real rows draw "wide" from [0, 1); synthetic ones from [-2, 3) so the cap at 1 matters and
    /// the explicit path runs. "many" has 300 labels (explicit inequality path); "few" is one-hot.
    /// </summary>
    static TabularData Table(Random random, int rows, bool synthetic) => new(Schema, [
        Numbers(random, rows, 0, 10, 0.1),
        synthetic ? Numbers(random, rows, -2, 3, 0.1) : Numbers(random, rows, 0, 1, 0.1),
        Labels(random, rows, 3, 0.1),
        Labels(random, rows, 300, 0.05),
        Enumerable.Range(0, rows).Select(i => (string?)i.ToString()).ToArray(),
        Enumerable.Repeat(double.NaN, rows).ToArray(),
        Labels(random, rows, 2),
        Numbers(random, rows, 0, 4).Select(x => Math.Round(x)).ToArray(),
    ]);

    [Fact]
    public void MatchesTheNaiveSearch()
    {
        var random = new Random(21);
        var reference = Table(random, 150, synthetic: false);
        var queries = Table(random, 70, synthetic: true);
        var distance = GowerDistance.FromReference(reference);

        // A tiny memory budget forces many batches.
        var result = NearestNeighbours.Find(queries, reference, distance, maxBatchMatrixBytes: 2 * 4 * 150 * 8);

        for (int i = 0; i < queries.RowCount; i++)
        {
            var naive = Enumerable.Range(0, reference.RowCount).Select(j => distance.Between(queries, i, reference, j)).Order().ToArray();
            Assert.Equal(naive[0], result.NearestDistance[i], Tolerance);
            Assert.Equal(naive[1], result.SecondNearestDistance[i], Tolerance);
            Assert.Equal(naive[0], distance.Between(queries, i, reference, result.NearestIndex[i]), Tolerance);
        }
    }

    [Fact]
    public void ARowFindsItselfAtDistanceZero()
    {
        var random = new Random(22);
        var table = Table(random, 40, synthetic: false);
        var result = NearestNeighbours.Find(table, table, GowerDistance.FromReference(table));
        Assert.All(result.NearestDistance, d => Assert.Equal(0.0, d, Tolerance));
    }

    [Fact]
    public void ASingleReferenceRowHasNoSecondNeighbour()
    {
        var random = new Random(23);
        var reference = Table(random, 1, synthetic: false);
        var queries = Table(random, 5, synthetic: true);
        var result = NearestNeighbours.Find(queries, reference, GowerDistance.FromReference(reference));
        Assert.All(result.NearestIndex, j => Assert.Equal(0, j));
        Assert.All(result.SecondNearestDistance, d => Assert.True(double.IsPositiveInfinity(d)));
        Assert.Equal(0.0, result.DistanceRatio(0));
    }
}
