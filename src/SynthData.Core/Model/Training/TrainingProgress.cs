namespace SynthData.Core.Model.Training;

/// <summary>A training step's report. MeanLoss is the mean per-row loss over the batches since the last report.</summary>
public sealed record TrainingProgress(long Step, long Steps, double Epoch, double MeanLoss, int BatchSize);
