namespace SynthData.Core.Model.Training;

/// <summary>How a training run ended: the exact number of steps taken is what the ledger charges.</summary>
/// <param name="StepsTaken">DP-SGD steps completed.</param>
/// <param name="Cancelled">Whether cancellation stopped the run before its planned steps.</param>
/// <param name="FinalMeanLoss">The mean loss last reported (NaN before any report).</param>
/// <param name="Elapsed">Wall-clock training time.</param>
public sealed record TrainingOutcome(long StepsTaken, bool Cancelled, double FinalMeanLoss, TimeSpan Elapsed);
