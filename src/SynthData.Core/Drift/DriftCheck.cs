using SynthData.Core.Generation;
using SynthData.Core.Model;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular;

namespace SynthData.Core.Drift;

/// <summary>
/// Compares a new table with a trained model, column by column, under DP: the new rows are read once, by
/// <see cref="DriftMeasurement"/>; the model's marginals come from its own synthetic rows (post-processing). A column
/// drifts when its distance's interval (<see cref="DriftInterval"/>) lies above the tolerance.
/// </summary>
public static class DriftCheck
{
    /// <summary>The noise a check of this model at these settings adds, for showing its cost before it runs.</summary>
    public static DriftNoise NoiseFor(TrainedModel model, DriftSettings settings, double delta)
    {
        settings.Validate();
        return DriftNoise.For(settings.Epsilon, delta, model.Transformer.Columns.Count);
    }

    /// <summary>Reads the new rows: their noisy histograms on the model's bins, and the release's ledger record.</summary>
    public static MechanismOutput<IReadOnlyList<double[]>> Measure(TrainedModel model, TabularData newRows, DriftSettings settings, DriftNoise noise,
        RunRandomness randomness) =>
        DriftMeasurement.Release(newRows, DriftBins.For(model.Transformer, settings.MaxNumericBins), noise, randomness.Noise("drift-histograms"));

    /// <summary>Post-processing of the release: the model's synthetic marginals, the distances, their intervals and the verdict.</summary>
    public static DriftReport Compare(TrainedModel model, IReadOnlyList<double[]> noisyCounts, DriftSettings settings, DriftNoise noise,
        RandomnessMode randomness, CancellationToken cancellationToken = default)
    {
        var bins = DriftBins.For(model.Transformer, settings.MaxNumericBins);
        var synthetic = bins.Select(b => new double[b.Count]).ToArray();
        foreach (var chunk in new SyntheticTableGenerator(model).Generate(settings.SyntheticRows, DerivedSeed.For(settings.Seed, "drift-synthetic"),
                     cancellationToken: cancellationToken))
            for (int c = 0; c < bins.Count; c++)
            {
                var counts = bins[c].CountsOf(chunk);
                for (int i = 0; i < counts.Length; i++) synthetic[c][i] += counts[i];
            }
        var random = new Random(DerivedSeed.For(settings.Seed, "drift-bootstrap"));
        double perColumnLevel = settings.FalseAlarmLevel / bins.Count;
        var columns = new List<ColumnDrift>(bins.Count);
        for (int c = 0; c < bins.Count; c++)
        {
            var kind = bins[c].Distance;
            var modelShares = DriftDistance.Shares(synthetic[c]);
            double observed = DriftDistance.Of(kind, DriftDistance.Shares(noisyCounts[c]), modelShares);
            double halfWidth = DriftInterval.HalfWidth(kind, noisyCounts[c], noise.CountStandardDeviation, modelShares, settings.SyntheticRows,
                perColumnLevel, settings.BootstrapReplicates, random);
            double lower = Math.Max(0, observed - halfWidth), upper = Math.Min(1, observed + halfWidth);
            var status = lower > settings.Tolerance ? DriftStatus.Drifted : upper > settings.Tolerance ? DriftStatus.Inconclusive : DriftStatus.Stable;
            columns.Add(new ColumnDrift(bins[c].Column, kind, observed, lower, upper, status));
        }
        return new DriftReport(model.Id, columns, noise, settings, randomness);
    }

    /// <summary>Measure then compare, outside any ledger (the ledgered path is <see cref="LedgeredDriftCheck"/>).</summary>
    public static (DriftReport Report, MechanismRecord Record) Run(TrainedModel model, TabularData newRows, DriftSettings settings, double delta,
        RunRandomness randomness, CancellationToken cancellationToken = default)
    {
        var noise = NoiseFor(model, settings, delta);
        var released = Measure(model, newRows, settings, noise, randomness);
        return (Compare(model, released.Value, settings, noise, randomness.Mode, cancellationToken), released.Record);
    }
}
