using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Tabular;

namespace SynthData.Core.Drift;

/// <summary>
/// The only step of a drift check that reads the new rows: every column's exact histogram on the model's public bins,
/// released at once through one Gaussian mechanism (sensitivity sqrt(C), see <see cref="DriftNoise"/>). Everything after
/// it works on the released counts alone, so it is post-processing and costs nothing more.
/// </summary>
public static class DriftMeasurement
{
    /// <summary>Mechanism name under which the release is recorded in the ledger.</summary>
    public const string LedgerName = "drift_histograms";

    /// <summary>The noisy counts per column (same order as <paramref name="bins"/>) and the ledger record of the release.</summary>
    public static MechanismOutput<IReadOnlyList<double[]>> Release(TabularData newRows, IReadOnlyList<DriftBins> bins, DriftNoise noise,
        INoiseSource noiseSource)
    {
        if (bins.Count != noise.Columns) throw new ArgumentException("The noise was calibrated for another number of columns.", nameof(noise));
        var exact = bins.SelectMany(b => b.CountsOf(newRows)).ToArray();
        var mechanism = new GaussianMechanism(noise.NoiseMultiplier, noise.L2Sensitivity);
        var released = mechanism.Release(exact, noiseSource, LedgerName,
            $"Drift check: a histogram of each of {bins.Count} columns of the new rows on the model's public bins.");
        var perColumn = new List<double[]>(bins.Count);
        int at = 0;
        foreach (var b in bins)
        {
            perColumn.Add(released.Value[at..(at + b.Count)]);
            at += b.Count;
        }
        return new MechanismOutput<IReadOnlyList<double[]>>(perColumn, released.Record);
    }
}
