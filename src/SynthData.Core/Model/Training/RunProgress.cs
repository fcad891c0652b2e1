namespace SynthData.Core.Model.Training;

/// <summary>What a run reports while it works. Aggregates only: never a value from the rows.</summary>
/// <param name="Stage">"plan", "preprocess", "train", "save".</param>
/// <param name="EpsilonSpent">RDP bound on what has been spent so far (preprocessing plus steps done); null without privacy.</param>
public sealed record RunProgress(string Stage, long Step, long Steps, double Epoch, double MeanLoss, double? EpsilonSpent);
