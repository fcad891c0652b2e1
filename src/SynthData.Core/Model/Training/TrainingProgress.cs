namespace SynthData.Core.Model.Training;

/// <summary>A training step's report. MeanLoss is the mean per-row loss over the batches since the last report.</summary>
/// <param name="Step">Steps done so far.</param>
/// <param name="Steps">Steps planned in total.</param>
/// <param name="Epoch">Passes over the training rows so far, fractional.</param>
/// <param name="MeanLoss">Mean per-row loss since the last report.</param>
/// <param name="BatchSize">Rows in the last Poisson batch (it varies from step to step).</param>
public sealed record TrainingProgress(long Step, long Steps, double Epoch, double MeanLoss, int BatchSize);
