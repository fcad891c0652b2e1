using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Pld;
using SynthData.Core.Privacy.Accounting.Rdp;

namespace SynthData.Core.Model.Training;

/// <summary>
/// The running epsilon progress reports, in the figure the run certifies: the quoted accountant's epsilon
/// of preprocessing plus k steps, computed before the first step at a few checkpoints (the tight accountant
/// costs about a second per figure, too much for every report on the training thread). A report at step k
/// shows the figure of the first checkpoint at or after k: an upper bound on what k steps spent, which rises
/// to the final guarantee at the last planned step and never passes it.
/// </summary>
public sealed class SpentEpsilonSchedule
{
    /// <summary>How many figures are computed; the last is always the planned run's.</summary>
    public const int DefaultCheckpoints = 10;

    readonly long[] _steps;
    readonly double[] _epsilons;

    SpentEpsilonSchedule(long[] steps, double[] epsilons)
    {
        _steps = steps;
        _epsilons = epsilons;
    }

    /// <summary>The step counts at which the spent epsilon is precomputed.</summary>
    public IReadOnlyList<long> Checkpoints => _steps;

    /// <summary>The schedule of a private plan; null without privacy (nothing to report).</summary>
    public static SpentEpsilonSchedule? For(PrivacyPlan plan, IReadOnlyList<MechanismRecord> preprocessing, int checkpoints = DefaultCheckpoints)
    {
        if (!plan.Private) return null;
        if (checkpoints < 1) throw new ArgumentOutOfRangeException(nameof(checkpoints), checkpoints, "At least one checkpoint is needed.");
        long count = Math.Max(1, Math.Min(checkpoints, plan.Steps));
        var steps = Enumerable.Range(1, (int)count).Select(j => (long)Math.Ceiling((double)plan.Steps * j / count)).Distinct().ToArray();
        // The quoted accountant as the final guarantee computes it; its epsilon does not depend on the error estimate.
        var accountant = new BestOfAccountants(new RdpAccountant(), new PldAccountant(estimateError: false));
        var epsilons = steps.AsParallel().AsOrdered().Select(k =>
            accountant.GetEpsilon(new ComposedEvent(preprocessing.Select(r => r.Event).Append(plan.TrainingRecord(k).Event).ToArray()), plan.Delta).Epsilon)
            .ToArray();
        // Each figure bounds the spend up to its checkpoint, and so does any later one: taking the minimum from the
        // end keeps them valid and makes them non-decreasing even where the discretisation wobbles.
        for (int i = epsilons.Length - 2; i >= 0; i--) epsilons[i] = Math.Min(epsilons[i], epsilons[i + 1]);
        return new SpentEpsilonSchedule(steps, epsilons);
    }

    /// <summary>The epsilon shown after <paramref name="step"/> steps (the planned run's figure from the last checkpoint on).</summary>
    public double After(long step)
    {
        int index = Array.BinarySearch(_steps, step);
        if (index < 0) index = Math.Min(~index, _steps.Length - 1);
        return _epsilons[index];
    }
}
