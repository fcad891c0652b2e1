using SynthData.Server.Services;
using SynthData.Server.Storage;

namespace SynthData.Server.Jobs;

/// <summary>
/// Handed to running work: records each step in the store (at most every 500 ms, since a step can
/// take milliseconds and the figures only matter for watchers and restart accounting) and
/// broadcasts it to watchers at once.
/// </summary>
public sealed class JobProgress
{
    static readonly TimeSpan PersistInterval = TimeSpan.FromMilliseconds(500);

    readonly ServerStore _store;
    readonly JobBroadcaster _broadcaster;
    DateTime _lastPersisted = DateTime.MinValue;
    bool _dirty;

    internal JobProgress(ServerStore store, JobBroadcaster broadcaster, JobRecord job)
    {
        _store = store;
        _broadcaster = broadcaster;
        Job = job;
    }

    /// <summary>The job as last reported; ParametersJson carries the request the work runs.</summary>
    public JobRecord Job { get; private set; }

    /// <param name="stepsTaken">Noisy steps completed so far: what the ledger charges if the job stops now.</param>
    /// <param name="epsilonSpent">Epsilon of everything run so far, composed by the accountant.</param>
    public void Report(long stepsTaken, long totalSteps, double epsilonSpent, double noiseMultiplier, double loss, double epoch = 0, string message = "")
    {
        Job = Job with { StepsTaken = stepsTaken, TotalSteps = totalSteps, EpsilonSpent = epsilonSpent, NoiseMultiplier = noiseMultiplier, LastLoss = loss };
        _dirty = true;
        if (DateTime.UtcNow - _lastPersisted >= PersistInterval) Flush();
        var jobEvent = Job.ToEvent(message);
        jobEvent.Epoch = epoch;
        _broadcaster.Publish(Job.Id, jobEvent);
    }

    /// <summary>Writes the latest figures; the queue calls it before recording the outcome.</summary>
    internal void Flush()
    {
        if (!_dirty) return;
        _store.Jobs.RecordProgress(Job.Id, Job.StepsTaken, Job.TotalSteps, Job.EpsilonSpent, Job.NoiseMultiplier, Job.LastLoss);
        _lastPersisted = DateTime.UtcNow;
        _dirty = false;
    }
}
