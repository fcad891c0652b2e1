using SynthData.Core.Model.Training;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Core.Synthesis;

/// <summary>
/// What a training run is charged in the privacy ledger at each point of its life. Every figure is an
/// upper bound on what actually touched the private rows, never less.
/// </summary>
public static class RunCharges
{
    /// <summary>The whole plan: preprocessing plus every planned step (what admission reserves).</summary>
    public static PrivacyEvent Planned(PrivacyPlan plan) => UpTo(plan, plan.Steps);

    /// <summary>Preprocessing plus at most <paramref name="steps"/> noisy steps (capped at the plan).</summary>
    public static PrivacyEvent UpTo(PrivacyPlan plan, long steps) =>
        new ComposedEvent(plan.PreprocessingEvents
            .Append(NoiseCalibrator.TrainingEvent(plan.SamplingRate, plan.NoiseMultiplier, Math.Clamp(steps, 0, plan.Steps))).ToArray());

    /// <summary>Exactly the mechanisms a run recorded (a finished run's ledger, or a cancelled run's consumption).</summary>
    public static PrivacyEvent Recorded(IEnumerable<MechanismRecord> records) => new ComposedEvent(records.Select(r => r.Event).ToArray());
}
