using SynthData.Core.Model.Training;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Rdp;

namespace SynthData.Core.Tests.Model.Training;

public sealed class SpentEpsilonScheduleTests
{
    const double Delta = 1e-5;
    static readonly PrivacyPlan Plan = new(true, Delta, SamplingRate: 0.01, Steps: 1000, NoiseMultiplier: 1.0, MaxGradNorm: 1.0,
        PreprocessingEvents: [new GaussianEvent(5.0)], Calibrated: null);
    static readonly MechanismRecord[] Preprocessing = [new("quantiles:x", "quantiles of x", new GaussianEvent(5.0))];

    static double Certified(long steps) => new BestOfAccountants().GetEpsilon(
        new ComposedEvent([Preprocessing[0].Event, Plan.TrainingRecord(steps).Event]), Delta).Epsilon;

    [Fact]
    public void The_running_figure_bounds_each_step_rises_and_ends_on_the_certified_guarantee()
    {
        var schedule = SpentEpsilonSchedule.For(Plan, Preprocessing)!;
        Assert.Equal(SpentEpsilonSchedule.DefaultCheckpoints, schedule.Checkpoints.Count);
        Assert.Equal(Plan.Steps, schedule.Checkpoints[^1]);

        var shown = Enumerable.Range(1, (int)Plan.Steps).Select(k => schedule.After(k)).ToList();
        Assert.True(shown.Zip(shown.Skip(1)).All(pair => pair.First <= pair.Second), "the running epsilon fell");
        double final = Certified(Plan.Steps);
        Assert.Equal(final, shown[^1], 1e-6);
        // Never past the guarantee, and well under the RDP figure the bar used to end on.
        Assert.True(shown.Max() <= final + 1e-12);
        Assert.True(final < new RdpAccountant().GetEpsilon(new ComposedEvent([Preprocessing[0].Event, Plan.TrainingRecord(Plan.Steps).Event]), Delta).Epsilon);
        // An upper bound on what k steps spent (the figure of the next checkpoint), and not the final figure all along.
        foreach (long k in new long[] { 1, 150, 501 })
            Assert.True(schedule.After(k) >= Certified(k) - 1e-12, $"step {k}: shown {schedule.After(k)} below spent {Certified(k)}");
        Assert.True(schedule.After(1) < 0.6 * final);
    }

    [Fact]
    public void A_run_without_privacy_has_no_running_epsilon()
    {
        Assert.Null(SpentEpsilonSchedule.For(Plan with { Private = false }, Preprocessing));
    }

    [Fact]
    public void A_run_shorter_than_the_checkpoint_count_has_one_checkpoint_per_step()
    {
        var schedule = SpentEpsilonSchedule.For(Plan with { Steps = 3 }, Preprocessing)!;
        Assert.Equal([1L, 2, 3], schedule.Checkpoints);
    }
}
