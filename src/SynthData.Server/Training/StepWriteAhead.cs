using SynthData.Core.Model.Training;
using SynthData.Server.Storage;

namespace SynthData.Server.Training;

/// <summary>
/// Persists a bound on the noisy steps a job may have taken BEFORE it takes them: when the trainer reports step s
/// and the recorded bound does not cover step s + 1, the bound is raised by a block and written first. A crash at
/// any instant then leaves jobs.steps_charged >= steps actually taken, so the ledger settles abandoned runs
/// conservatively yet within one block (1% of the plan) of the truth, with about a hundred writes per run.
/// The trainer reports every min(1%, 50) steps (ModelTrainer), never less often than a block, so one block
/// ahead of the last report always covers the steps until the next one.
/// </summary>
public sealed class StepWriteAhead(ServerStore store, string jobId, long plannedSteps)
{
    readonly long _block = Math.Max(1, plannedSteps / 100);
    long _charged;

    /// <summary>Called synchronously with every progress report; the trainer starts the next step only after it returns.</summary>
    public void Observe(RunProgress progress)
    {
        long done = progress.Stage == "train" ? progress.Step : 0;
        if (done >= plannedSteps || done + 1 <= _charged) return;
        _charged = Math.Min(plannedSteps, done + _block);
        store.ChargeStepsAhead(jobId, _charged);
    }
}
