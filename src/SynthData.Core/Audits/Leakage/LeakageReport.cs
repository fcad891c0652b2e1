namespace SynthData.Core.Audits.Leakage;

/// <summary>Counts of a column's training values found again in the synthetic table (never the values themselves).</summary>
/// <param name="SyntheticCells">Synthetic cells holding a value that occurs in this column of the training rows.</param>
/// <param name="DistinctValues">How many distinct training values were replayed.</param>
public sealed record ValueReplay(string Column, string Kind, int SyntheticCells, int DistinctValues);

/// <summary>Categories seen fewer than the threshold times in training that the synthetic table still produces.</summary>
public sealed record RareCategoryReplay(string Column, int RareCategories, int RareCategoriesReplayed, int SyntheticCells);

/// <summary>Nearest / second-nearest distance ratios of synthetic rows to a real table.</summary>
public sealed record NndrSummary(double Median, double Percentile5);

/// <summary>
/// Leakage figures. Training comparisons use a seeded subsample of the training rows of the same
/// size as the holdout, so the holdout figure is the baseline of a generator that never saw the
/// data: equal sizes make the two directly comparable.
/// </summary>
public sealed record LeakageReport
{
    public required ProportionEstimate ExactCopiesOfTraining { get; init; }
    public required ProportionEstimate ExactCopiesOfHoldout { get; init; }
    public required ProportionEstimate TrainingRowsReplayed { get; init; }
    public required ProportionEstimate DcrCloserToTraining { get; init; }
    public required double MedianDcrTraining { get; init; }
    public required double MedianDcrHoldout { get; init; }
    public required NndrSummary NndrTraining { get; init; }
    public required NndrSummary NndrHoldout { get; init; }
    public required IReadOnlyList<ValueReplay> IdentifierAndPiiReplay { get; init; }
    public required IReadOnlyList<RareCategoryReplay> RareCategories { get; init; }

    /// <summary>Synthetic rows copy training rows significantly more often than holdout rows.</summary>
    public bool ExcessExactCopies => ExactCopiesOfTraining.ClearlyAbove(ExactCopiesOfHoldout);
    /// <summary>Synthetic rows sit closer to training than to holdout rows significantly more than half the time.</summary>
    public bool DcrFavoursTraining => DcrCloserToTraining.Lower > 0.5;
    public int ReplayedIdentifierOrPiiCells => IdentifierAndPiiReplay.Sum(r => r.SyntheticCells);
    public int ReplayedRareCategories => RareCategories.Sum(r => r.RareCategoriesReplayed);
}
