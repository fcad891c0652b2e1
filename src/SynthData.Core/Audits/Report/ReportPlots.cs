using ScottPlot;
using SynthData.Core.Audits.MembershipInference;
using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.Report;

/// <summary>
/// The report's figures drawn with ScottPlot 5 as PNG bytes. Axis ticks never show a value taken from
/// the real rows: histogram bins come from the synthetic table and the declared bounds, category
/// bars are labelled with declared or synthetic categories only (real labels outside them count as "other").
/// </summary>
static class ReportPlots
{
    const int Width = 560, Height = 380;

    public static byte[] Roc(IReadOnlyList<AttackResult> attacks)
    {
        var plot = new Plot();
        foreach (var attack in attacks)
        {
            var line = plot.Add.ScatterLine(attack.RocCurve.Select(p => p.FalsePositiveRate).ToArray(), attack.RocCurve.Select(p => p.TruePositiveRate).ToArray());
            line.LegendText = $"{attack.Name} (AUC {attack.Auc:0.000})";
        }
        var chance = plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
        chance.LegendText = "chance";
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        plot.Title("ROC curves of the membership attacks");
        plot.XLabel("false-positive rate");
        plot.YLabel("true-positive rate");
        plot.ShowLegend(Alignment.LowerRight);
        return Png(plot);
    }

    public static byte[] DcrHistogram(double[] toTraining, double[] toHoldout)
    {
        double high = Math.Max(1e-9, toTraining.Concat(toHoldout).Where(double.IsFinite).DefaultIfEmpty(1).Max());
        const int bins = 30;
        var plot = new Plot();
        AddHistogram(plot, Bin(toTraining, 0, high, bins), 0, high, "synthetic to training", Colors.Red.WithAlpha(0.5));
        AddHistogram(plot, Bin(toHoldout, 0, high, bins), 0, high, "synthetic to holdout", Colors.Blue.WithAlpha(0.5));
        plot.Title("Distance to closest record");
        plot.XLabel("Gower distance");
        plot.YLabel("share of synthetic rows");
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot);
    }

    public static byte[] Marginal(TabularData real, TabularData synthetic, ColumnSchema column)
    {
        var plot = new Plot();
        int r = real.Schema.IndexOf(column.Name), s = synthetic.Schema.IndexOf(column.Name);
        if (column.IsNumeric)
        {
            var synthValues = synthetic.Numeric(s).Where(double.IsFinite).ToArray();
            double low = column.Min ?? synthValues.DefaultIfEmpty(0).Min(), high = column.Max ?? synthValues.DefaultIfEmpty(1).Max();
            if (!(high > low)) high = low + 1;
            const int bins = 25;
            AddHistogram(plot, Bin(real.Numeric(r), low, high, bins), low, high, "real", Colors.Blue.WithAlpha(0.5));
            AddHistogram(plot, Bin(synthetic.Numeric(s), low, high, bins), low, high, "synthetic", Colors.Orange.WithAlpha(0.5));
        }
        else
        {
            var categories = (column.Categories is { Count: > 0 } declared ? declared : synthetic.Labels(s).Where(l => l is not null).Select(l => l!).Distinct().Order(StringComparer.Ordinal).ToList())
                .Take(20).ToList();
            double[] Shares(string?[] labels)
            {
                var counts = new double[categories.Count + 1];
                var index = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
                foreach (var label in labels) counts[label is not null && index.TryGetValue(label, out int i) ? i : categories.Count]++;
                return counts.Select(c => labels.Length == 0 ? 0 : c / labels.Length).ToArray();
            }
            var realShares = Shares(real.Labels(r));
            var synthShares = Shares(synthetic.Labels(s));
            var realBars = plot.Add.Bars(Enumerable.Range(0, realShares.Length).Select(i => i - 0.2).ToArray(), realShares);
            realBars.LegendText = "real";
            foreach (var bar in realBars.Bars) bar.Size = 0.4;
            var synthBars = plot.Add.Bars(Enumerable.Range(0, synthShares.Length).Select(i => i + 0.2).ToArray(), synthShares);
            synthBars.LegendText = "synthetic";
            foreach (var bar in synthBars.Bars) bar.Size = 0.4;
            var ticks = categories.Append("other / missing").Select((c, i) => new Tick(i, c)).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 110; // room for the rotated labels
        }
        plot.Title($"{column.Name}: real vs synthetic");
        plot.YLabel("share of rows");
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot);
    }

    /// <summary>Heatmap of |corr_real - corr_synthetic| over the numeric columns (Pearson, pairwise complete rows).</summary>
    public static byte[]? CorrelationDifference(TabularData real, TabularData synthetic, IReadOnlyList<ColumnSchema> numericColumns)
    {
        int k = numericColumns.Count;
        if (k < 2) return null;
        // ScottPlot draws row 0 of the intensities at the top, so row a sits at y = k - 1 - a.
        var difference = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
                difference[a, b] = Math.Abs(Correlation(real, numericColumns[a].Name, numericColumns[b].Name) - Correlation(synthetic, numericColumns[a].Name, numericColumns[b].Name));
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(difference);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        var names = numericColumns.Select(c => c.Name).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(names.Select((n, i) => new Tick(i, n)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(names.Select((n, i) => new Tick(k - 1 - i, n)).ToArray());
        plot.Title("|correlation real - correlation synthetic|");
        return Png(plot);
    }

    static double Correlation(TabularData table, string first, string second)
    {
        var x = table.Numeric(first);
        var y = table.Numeric(second);
        var pairs = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        if (pairs.Length < 2) return 0;
        double r = MathNet.Numerics.Statistics.Correlation.Pearson(pairs.Select(i => x[i]), pairs.Select(i => y[i]));
        return double.IsFinite(r) ? r : 0; // a constant column has no defined correlation; 0 keeps the cell drawable
    }

    /// <summary>Shares per equal-width bin over [low, high]; values outside go to the edge bins, missing values are skipped.</summary>
    static double[] Bin(double[] values, double low, double high, int bins)
    {
        var counts = new double[bins];
        int total = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            int bin = (int)Math.Floor((v - low) / (high - low) * bins);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
            total++;
        }
        return counts.Select(c => total == 0 ? 0 : c / total).ToArray();
    }

    static void AddHistogram(Plot plot, double[] shares, double low, double high, string label, Color color)
    {
        double width = (high - low) / shares.Length;
        var bars = plot.Add.Bars(shares.Select((_, i) => low + (i + 0.5) * width).ToArray(), shares);
        bars.LegendText = label;
        foreach (var bar in bars.Bars)
        {
            bar.Size = width;
            bar.FillColor = color;
            bar.LineWidth = 0;
        }
    }

    static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
