using SynthData.Server.Storage;

namespace SynthData.Server.Training;

/// <summary>
/// Persists a bound on the noisy steps a job may have taken BEFORE it takes them: the trainer calls
/// <see cref="BeforeStep"/> with the count of steps started, before that step reads any row, and when the recorded
/// bound does not cover it the bound is raised by a block and written first. A crash at any instant then leaves
/// jobs.steps_charged >= steps started, so the ledger settles abandoned runs conservatively yet within one block
/// (1% of the plan) of the truth, with about a hundred writes per run.
/// </summary>
public sealed class StepWriteAhead(ServerStore store, string jobId, long plannedSteps)
{
    readonly long _block = Math.Max(1, plannedSteps / 100);
    long _charged;

    /// <summary>The bound now recorded.</summary>
    public long Charged => _charged;

    /// <summary>Called synchronously before step <paramref name="stepsStarted"/> runs; the step waits for the write.</summary>
    public void BeforeStep(long stepsStarted)
    {
        if (stepsStarted <= _charged) return;
        long bound = Math.Min(plannedSteps, Math.Max(stepsStarted, stepsStarted - 1 + _block));
        store.Jobs.ChargeStepsAhead(jobId, bound);
        _charged = bound;
    }
}
