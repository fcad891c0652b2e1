namespace SynthData.Core.Privacy.Accounting;

/// <summary>What is left of a target delta once (0, delta) threshold events have taken their share.</summary>
internal static class RemainingDelta
{
    public static double After(double thresholdDelta, double targetDelta)
    {
        if (!(targetDelta > 0 && targetDelta < 1))
            throw new ArgumentOutOfRangeException(nameof(targetDelta), targetDelta, "The target delta must lie in (0, 1).");
        double remaining = targetDelta - thresholdDelta;
        if (!(remaining > 0))
            throw new InvalidInputException($"Threshold releases already spend delta = {thresholdDelta:G4}, which leaves nothing of the target delta = {targetDelta:G4}; " +
                "raise the target delta or spend less on thresholded releases.", "delta");
        return remaining;
    }
}
