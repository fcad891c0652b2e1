namespace SynthData.Core.Audits.Leakage;

/// <summary>Counts of a column's training values found again in the synthetic table (never the values themselves).</summary>
/// <param name="Column">Identifier or PII column checked.</param>
/// <param name="Kind">"identifier", or "pii:" followed by the PII type.</param>
/// <param name="SyntheticCells">Synthetic cells holding a value that occurs in this column of the training rows.</param>
/// <param name="DistinctValues">How many distinct training values were replayed.</param>
public sealed record ValueReplay(string Column, string Kind, int SyntheticCells, int DistinctValues);

/// <summary>Categories seen fewer than the threshold times in training that the synthetic table still produces.</summary>
/// <param name="Column">Categorical column checked.</param>
/// <param name="RareCategories">Categories seen fewer than the threshold times in training.</param>
/// <param name="RareCategoriesReplayed">How many of those the synthetic table produces.</param>
/// <param name="SyntheticCells">Synthetic cells holding a rare category.</param>
public sealed record RareCategoryReplay(string Column, int RareCategories, int RareCategoriesReplayed, int SyntheticCells);

/// <summary>Nearest / second-nearest distance ratios of synthetic rows to a real table.</summary>
/// <param name="Median">Median ratio over the synthetic rows.</param>
/// <param name="Percentile5">5th percentile ratio: low values mean synthetic rows sitting on a single real row.</param>
public sealed record NndrSummary(double Median, double Percentile5);

/// <summary>
/// Leakage figures. Training comparisons use a seeded subsample of the training rows of the same
/// size as the holdout, so the holdout figure is the baseline of a generator that never saw the
/// data: equal sizes make the two directly comparable.
/// </summary>
public sealed record LeakageReport
{
    /// <summary>Share of synthetic rows equal to a row of the training subsample.</summary>
    public required ProportionEstimate ExactCopiesOfTraining { get; init; }
    /// <summary>Share of synthetic rows equal to a holdout row: the baseline for exact copies.</summary>
    public required ProportionEstimate ExactCopiesOfHoldout { get; init; }
    /// <summary>Share of all training rows that appear verbatim in the synthetic table.</summary>
    public required ProportionEstimate TrainingRowsReplayed { get; init; }
    /// <summary>Share of synthetic rows closer to the training subsample than to the holdout (ties split by a seeded coin); 1/2 without leakage.</summary>
    public required ProportionEstimate DcrCloserToTraining { get; init; }
    /// <summary>Median distance from a synthetic row to its closest training-subsample row.</summary>
    public required double MedianDcrTraining { get; init; }
    /// <summary>Median distance from a synthetic row to its closest holdout row.</summary>
    public required double MedianDcrHoldout { get; init; }
    /// <summary>Nearest-neighbour distance ratios against the training subsample.</summary>
    public required NndrSummary NndrTraining { get; init; }
    /// <summary>Nearest-neighbour distance ratios against the holdout, the baseline for <see cref="NndrTraining"/>.</summary>
    public required NndrSummary NndrHoldout { get; init; }
    /// <summary>Per identifier or PII column, how often training values reappear in the synthetic table.</summary>
    public required IReadOnlyList<ValueReplay> IdentifierAndPiiReplay { get; init; }
    /// <summary>Per categorical column, rare training categories the synthetic table reproduces.</summary>
    public required IReadOnlyList<RareCategoryReplay> RareCategories { get; init; }

    /// <summary>Synthetic rows copy training rows significantly more often than holdout rows.</summary>
    public bool ExcessExactCopies => ExactCopiesOfTraining.ClearlyAbove(ExactCopiesOfHoldout);
    /// <summary>Synthetic rows sit closer to training than to holdout rows significantly more than half the time.</summary>
    public bool DcrFavoursTraining => DcrCloserToTraining.Lower > 0.5;
    /// <summary>Synthetic identifier or PII cells that repeat a training value, over all columns.</summary>
    public int ReplayedIdentifierOrPiiCells => IdentifierAndPiiReplay.Sum(r => r.SyntheticCells);
    /// <summary>Rare training categories reproduced, over all columns.</summary>
    public int ReplayedRareCategories => RareCategories.Sum(r => r.RareCategoriesReplayed);
}
