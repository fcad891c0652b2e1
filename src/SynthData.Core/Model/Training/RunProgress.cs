namespace SynthData.Core.Model.Training;

/// <summary>Where a run is.</summary>
public enum RunStage { Plan, Preprocess, Train, Save, Audit, Generate }

/// <summary>What a run reports while it works. Aggregates only: never a value from the rows.</summary>
/// <param name="EpsilonSpent">The certified figure (<see cref="SpentEpsilonSchedule"/>) for what has been spent so far; null without privacy.</param>
public sealed record RunProgress(RunStage Stage, long Step, long Steps, double Epoch, double MeanLoss, double? EpsilonSpent)
{
    /// <summary>A stage's report without step figures (planning, saving, auditing, generating).</summary>
    public static RunProgress Entering(RunStage stage, long step = 0, long steps = 0, double meanLoss = double.NaN) =>
        new(stage, step, steps, 0, meanLoss, null);

    /// <summary>The stage as it is printed and sent: "plan", "preprocess", "train", "save", "audit", "generate".</summary>
    public string StageName => Stage.ToString().ToLowerInvariant();
}
