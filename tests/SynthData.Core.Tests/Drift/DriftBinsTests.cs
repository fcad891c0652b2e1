using SynthData.Core.Drift;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;
using Xunit;

namespace SynthData.Core.Tests.Drift;

public sealed class DriftBinsTests
{
    static ColumnSchema Integer(bool nullable) => new() { Name = "n", Kind = ColumnKind.Integer, Nullable = nullable };

    static double[] Counts(DriftBins bins, params double[] values) =>
        bins.CountsOf(new TabularData(new TableSchema([Integer(nullable: true)]), [values]));

    [Fact]
    public void An_atom_of_the_knots_gets_a_bin_of_its_own_and_missing_cells_the_last_bin()
    {
        // Knots -1 (an atom over levels 0 to 0.5), 5, 10: bins (-inf, -1], (-1, 5], (5, 10], (10, inf), missing.
        var transform = new QuantileTransform([-1, -1, -1, 5, 10], [0, 0.25, 0.5, 0.75, 1], clip: 5);
        var bins = DriftBins.For(new FittedColumn(Integer(nullable: true), transform, null), maxNumericBins: 16);
        Assert.Equal(DriftDistanceKind.KolmogorovSmirnov, bins.Distance);
        Assert.Equal([2, 2, 1, 1, 1], Counts(bins, -1, -1, 0, 5, 7, 11, double.NaN));
    }

    [Fact]
    public void Declared_bounds_alone_give_even_bins_between_them()
    {
        var transform = new QuantileTransform([0, 100], [0, 1], clip: 5);
        var bins = DriftBins.For(new FittedColumn(Integer(nullable: false), transform, null), maxNumericBins: 4);
        Assert.Equal(4, bins.Count);
        Assert.Equal([1, 2, 1, 1], Counts(bins, 10, 25.5, 50, 74, 99));
    }

    [Fact]
    public void Many_knots_are_thinned_to_the_bin_limit()
    {
        var knots = Enumerable.Range(0, 64).Select(i => (double)i).ToArray();
        var levels = knots.Select(k => k / 63).ToArray();
        var bins = DriftBins.For(new FittedColumn(Integer(nullable: false), new QuantileTransform(knots, levels, 5), null), maxNumericBins: 16);
        Assert.Equal(16, bins.Count);
    }
}
