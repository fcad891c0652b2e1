namespace SynthData.Core.Model.Training;

/// <summary>Where a run is.</summary>
public enum RunStage
{
    /// <summary>Loading, splitting and planning the privacy budget.</summary>
    Plan,
    /// <summary>Fitting the DP transformer and encoding the rows.</summary>
    Preprocess,
    /// <summary>DP-SGD steps.</summary>
    Train,
    /// <summary>Writing the model artifact.</summary>
    Save,
    /// <summary>Running the privacy and utility audits.</summary>
    Audit,
    /// <summary>Sampling synthetic rows.</summary>
    Generate,
}

/// <summary>What a run reports while it works. Aggregates only: never a value from the rows.</summary>
/// <param name="EpsilonSpent">The certified figure (<see cref="SpentEpsilonSchedule"/>) for what has been spent so far; null without privacy.</param>
/// <param name="Stage">The stage the run is in.</param>
/// <param name="Step">Steps done so far in training (0 in other stages unless given).</param>
/// <param name="Steps">Steps planned in total.</param>
/// <param name="Epoch">Passes over the training rows so far, fractional.</param>
/// <param name="MeanLoss">The recent mean training loss; NaN when there is none yet.</param>
public sealed record RunProgress(RunStage Stage, long Step, long Steps, double Epoch, double MeanLoss, double? EpsilonSpent)
{
    /// <summary>A stage's report without step figures (planning, saving, auditing, generating).</summary>
    public static RunProgress Entering(RunStage stage, long step = 0, long steps = 0, double meanLoss = double.NaN) =>
        new(stage, step, steps, 0, meanLoss, null);

    /// <summary>The stage as it is printed and sent: "plan", "preprocess", "train", "save", "audit", "generate".</summary>
    public string StageName => Stage.ToString().ToLowerInvariant();
}
