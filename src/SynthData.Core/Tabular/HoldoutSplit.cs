namespace SynthData.Core.Tabular;

/// <summary>
/// The seeded split of a table's rows into training rows and holdout rows, made before anything
/// reads the values. The holdout is never trained on: the membership audits compare members
/// (training rows) with these non-members, and the artifact's split seed lets an auditor rebuild
/// both sets exactly.
/// </summary>
public sealed record HoldoutSplit(int[] TrainingRows, int[] HoldoutRows)
{
    public const double DefaultHoldoutFraction = 0.2;

    /// <summary>Splits rows 0..rowCount-1 by a seeded Fisher-Yates shuffle; both index lists are returned sorted.</summary>
    public static HoldoutSplit Create(int rowCount, double holdoutFraction, int seed)
    {
        if (rowCount < 0) throw new ArgumentOutOfRangeException(nameof(rowCount));
        if (holdoutFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), "The holdout fraction must be in [0, 1).");
        var order = Enumerable.Range(0, rowCount).ToArray();
        new Random(seed).Shuffle(order);
        int holdout = (int)Math.Round(rowCount * holdoutFraction);
        var holdoutRows = order[..holdout];
        var trainingRows = order[holdout..];
        Array.Sort(holdoutRows);
        Array.Sort(trainingRows);
        return new HoldoutSplit(trainingRows, holdoutRows);
    }
}
