namespace SynthData.Core.Model.Training;

/// <summary>How a training run ended: the exact number of steps taken is what the ledger charges.</summary>
public sealed record TrainingOutcome(long StepsTaken, bool Cancelled, double FinalMeanLoss, TimeSpan Elapsed);
