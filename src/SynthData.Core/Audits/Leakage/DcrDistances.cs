namespace SynthData.Core.Audits.Leakage;

/// <summary>
/// Per synthetic row, the distance to the closest row of the (equal-size) training subsample and of
/// the holdout. Kept out of the JSON report (it is per-row detail); the HTML report histograms it.
/// </summary>
/// <param name="ToTraining">Distance of each synthetic row to its closest training-subsample row.</param>
/// <param name="ToHoldout">Distance of each synthetic row to its closest holdout row.</param>
public sealed record DcrDistances(double[] ToTraining, double[] ToHoldout);
