namespace SynthData.Core.Model.Training;

/// <summary>What a run reports while it works. Aggregates only: never a value from the rows.</summary>
/// <param name="Stage">"plan", "preprocess", "train", "save".</param>
/// <param name="EpsilonSpent">The certified figure (<see cref="SpentEpsilonSchedule"/>) for what has been spent so far; null without privacy.</param>
public sealed record RunProgress(string Stage, long Step, long Steps, double Epoch, double MeanLoss, double? EpsilonSpent);
