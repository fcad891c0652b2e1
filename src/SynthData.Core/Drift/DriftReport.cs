using SynthData.Core.Privacy.Randomness;

namespace SynthData.Core.Drift;

/// <summary>Where a column stands: surely within the tolerance, surely beyond it, or not decidable at this epsilon.</summary>
public enum DriftStatus
{
    /// <summary>The whole interval is at or below the tolerance.</summary>
    Stable,
    /// <summary>The interval straddles the tolerance: more epsilon (or more rows) would tell.</summary>
    Inconclusive,
    /// <summary>The interval's lower end exceeds the tolerance.</summary>
    Drifted,
}

/// <summary>One column's comparison: the distance between the new rows' noisy marginal and the model's, and its interval.</summary>
/// <param name="Column">Column compared.</param>
/// <param name="Distance">Distance used.</param>
/// <param name="Observed">Distance between the noisy new shares and the model's synthetic shares.</param>
/// <param name="Lower">Lower end of the interval, at least 0.</param>
/// <param name="Upper">Upper end of the interval, at most 1.</param>
/// <param name="Status">Where the interval lies against the tolerance.</param>
public sealed record ColumnDrift(string Column, DriftDistanceKind Distance, double Observed, double Lower, double Upper, DriftStatus Status);

/// <summary>
/// The outcome of a drift check. Every figure is computed from the noisy histograms and the model's synthetic rows, so
/// the report may be published like the model's other DP outputs.
/// </summary>
/// <param name="ModelId">Model the new rows were compared with.</param>
/// <param name="Columns">One comparison per modelled column.</param>
/// <param name="Noise">The noise of the release (and its epsilon).</param>
/// <param name="Settings">Settings of the check.</param>
/// <param name="Randomness">Whether the noise was secret or reproducible (reproducible is not private).</param>
public sealed record DriftReport(string ModelId, IReadOnlyList<ColumnDrift> Columns, DriftNoise Noise, DriftSettings Settings, RandomnessMode Randomness)
{
    /// <summary>Columns surely beyond the tolerance.</summary>
    public IReadOnlyList<string> Drifted => Columns.Where(c => c.Status == DriftStatus.Drifted).Select(c => c.Column).ToArray();
    /// <summary>Columns the check could not decide at this epsilon.</summary>
    public IReadOnlyList<string> Inconclusive => Columns.Where(c => c.Status == DriftStatus.Inconclusive).Select(c => c.Column).ToArray();

    /// <summary>Retrain when any column drifted: the Bonferroni split keeps the chance of a false alarm anywhere at the stated level.</summary>
    public bool RetrainRecommended => Drifted.Count > 0;

    /// <summary>Plain-words advice: retrain, or not yet and why.</summary>
    public string Recommendation
    {
        get
        {
            string level = $"{Settings.FalseAlarmLevel:0.###}";
            if (RetrainRecommended)
                return $"Retrain: {Drifted.Count} of {Columns.Count} columns ({string.Join(", ", Drifted)}) are further from the model than the tolerance " +
                       $"of {Settings.Tolerance:0.###}, beyond what the DP noise and sampling explain (chance of a false alarm at most {level}).";
            string rest = Inconclusive.Count == 0
                ? "every column is within the tolerance"
                : $"{Inconclusive.Count} column(s) ({string.Join(", ", Inconclusive)}) cannot be decided at this epsilon; a check with a larger epsilon or more rows would narrow their intervals";
            return $"Not yet: no column is surely further from the model than the tolerance of {Settings.Tolerance:0.###}; {rest}.";
        }
    }
}
