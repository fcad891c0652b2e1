using SynthData.Core.Audits.Distances;
using SynthData.Core.Audits.MembershipInference;
using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.Leakage;

/// <summary>Exact copies, distance to closest record, NNDR and replay of identifiers, PII and rare categories.</summary>
public static class LeakageAnalysis
{
    /// <summary>Compares the synthetic rows with a same-size training subsample and the holdout; returns the figures and the per-row DCRs for plotting.</summary>
    public static (LeakageReport Report, DcrDistances Dcr) Run(
        TabularData training, TabularData holdout, TabularData synthetic, GowerDistance distance,
        int seed, int rareThreshold = 5, double confidence = 0.95)
    {
        var random = new Random(seed);
        var trainingSample = training.RowCount > holdout.RowCount
            ? training.SelectRows(BalancedSample.Draw(training.RowCount, holdout.RowCount, random))
            : training;

        var syntheticKeys = RowKeys.Build(synthetic, distance.Columns);
        var sampleKeys = RowKeys.Build(trainingSample, distance.Columns).ToHashSet(StringComparer.Ordinal);
        var holdoutKeys = RowKeys.Build(holdout, distance.Columns).ToHashSet(StringComparer.Ordinal);
        var syntheticSet = syntheticKeys.ToHashSet(StringComparer.Ordinal);
        var trainingKeys = RowKeys.Build(training, distance.Columns);
        int n = synthetic.RowCount;
        var copiesTraining = ProportionEstimate.Of(syntheticKeys.Count(sampleKeys.Contains), n, confidence);
        var copiesHoldout = ProportionEstimate.Of(syntheticKeys.Count(holdoutKeys.Contains), n, confidence);
        var replayed = ProportionEstimate.Of(trainingKeys.Count(syntheticSet.Contains), trainingKeys.Length, confidence);

        var toTraining = NearestNeighbours.Find(synthetic, trainingSample, distance);
        var toHoldout = NearestNeighbours.Find(synthetic, holdout, distance);
        // Ties go to a seeded coin so that, without leakage, "closer to training" is Bernoulli(1/2) exactly.
        int closer = 0;
        for (int i = 0; i < n; i++)
        {
            double a = toTraining.NearestDistance[i], b = toHoldout.NearestDistance[i];
            if (a < b || (a == b && random.Next(2) == 0)) closer++;
        }

        var report = new LeakageReport
        {
            ExactCopiesOfTraining = copiesTraining,
            ExactCopiesOfHoldout = copiesHoldout,
            TrainingRowsReplayed = replayed,
            DcrCloserToTraining = ProportionEstimate.Of(closer, n, confidence),
            MedianDcrTraining = Median(toTraining.NearestDistance),
            MedianDcrHoldout = Median(toHoldout.NearestDistance),
            NndrTraining = Nndr(toTraining),
            NndrHoldout = Nndr(toHoldout),
            IdentifierAndPiiReplay = ValueReplays(training, synthetic),
            RareCategories = RareCategoryReplays(training, synthetic, rareThreshold),
        };
        return (report, new DcrDistances(toTraining.NearestDistance, toHoldout.NearestDistance));
    }

    static double Median(double[] values) => Quantile(values, 0.5);

    static double Quantile(IEnumerable<double> values, double probability)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : Statistics.BootstrapInterval.Percentile(sorted, probability);
    }

    static NndrSummary Nndr(NearestNeighbourResult result)
    {
        var ratios = Enumerable.Range(0, result.NearestDistance.Length).Select(result.DistanceRatio).ToArray();
        return new NndrSummary(Quantile(ratios, 0.5), Quantile(ratios, 0.05));
    }

    /// <summary>Identifier and PII columns: training values that reappear in the synthetic column of the same name.</summary>
    static List<ValueReplay> ValueReplays(TabularData training, TabularData synthetic)
    {
        var replays = new List<ValueReplay>();
        for (int c = 0; c < training.Schema.Columns.Count; c++)
        {
            var column = training.Schema.Columns[c];
            if (column.IsModelled) continue;
            int s = synthetic.Schema.IndexOf(column.Name);
            if (s < 0) continue;
            var known = Texts(training, c).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
            var hits = Texts(synthetic, s).Where(known.Contains).ToList();
            replays.Add(new ValueReplay(column.Name, column.Kind == ColumnKind.Pii ? $"pii:{column.Pii}" : "identifier",
                hits.Count, hits.Distinct(StringComparer.Ordinal).Count()));
        }
        return replays;
    }

    /// <summary>Cell texts of a column whatever its storage (numbers in round-trip form), missing cells skipped.</summary>
    static IEnumerable<string> Texts(TabularData table, int column) => table.Schema.Columns[column].IsNumeric
        ? table.Numeric(column).Where(v => !double.IsNaN(v)).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
        : table.Labels(column).Where(l => l is not null).Select(l => l!.Trim());

    static List<RareCategoryReplay> RareCategoryReplays(TabularData training, TabularData synthetic, int threshold)
    {
        var replays = new List<RareCategoryReplay>();
        for (int c = 0; c < training.Schema.Columns.Count; c++)
        {
            var column = training.Schema.Columns[c];
            if (!column.IsModelled || !column.IsCategorical) continue;
            int s = synthetic.Schema.IndexOf(column.Name);
            if (s < 0) continue;
            var rare = training.Labels(c).Where(l => l is not null).GroupBy(l => l!, StringComparer.Ordinal)
                .Where(g => g.Count() < threshold).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            var hits = synthetic.Labels(s).Where(l => l is not null && rare.Contains(l)).ToList();
            replays.Add(new RareCategoryReplay(column.Name, rare.Count, hits.Distinct(StringComparer.Ordinal).Count(), hits.Count));
        }
        return replays;
    }
}
