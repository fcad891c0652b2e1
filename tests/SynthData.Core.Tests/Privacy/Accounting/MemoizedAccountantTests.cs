using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Accounting.Rdp;

namespace SynthData.Core.Tests.Privacy.Accounting;

public sealed class MemoizedAccountantTests
{
    /// <summary>Counts the computations it is asked for; slow enough that concurrent askers overlap.</summary>
    sealed class CountingAccountant : IPrivacyAccountant
    {
        int _calls;
        public int Calls => _calls;
        public string Name => "counting";
        public bool Supports(PrivacyEvent privacyEvent) => true;
        public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta)
        {
            Interlocked.Increment(ref _calls);
            Thread.Sleep(50);
            return new RdpAccountant().GetEpsilon(privacyEvent, delta);
        }
        public double GetDelta(PrivacyEvent privacyEvent, double epsilon) => 0;
    }

    static PrivacyEvent Run(long steps) => new SelfComposedEvent(new PoissonSampledEvent(0.01, new GaussianEvent(1.1)), steps);

    [Fact]
    public void The_same_question_is_computed_once_and_answered_identically()
    {
        var inner = new CountingAccountant();
        var memo = new MemoizedAccountant(inner);
        var history = new ComposedEvent([Run(400), Run(400)]);
        var first = memo.GetEpsilon(history, 1e-5);
        var again = memo.GetEpsilon(new ComposedEvent([Run(400), Run(400)]), 1e-5); // equal by value, another instance
        Assert.Equal(first, again);
        Assert.Equal(1, inner.Calls);
        Assert.Equal(new RdpAccountant().GetEpsilon(history, 1e-5), first);

        memo.GetEpsilon(history, 1e-6); // another delta is another question
        memo.GetEpsilon(new ComposedEvent([Run(400), Run(401)]), 1e-5); // and so is another history
        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public async Task Concurrent_askers_share_one_computation()
    {
        var inner = new CountingAccountant();
        var memo = new MemoizedAccountant(inner);
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => memo.GetEpsilon(Run(1000), 1e-5))));
        Assert.Equal(1, inner.Calls);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }

    [Fact]
    public void It_holds_at_most_its_capacity_and_forgets_the_oldest_first()
    {
        var inner = new CountingAccountant();
        var memo = new MemoizedAccountant(inner, capacity: 3);
        for (int steps = 1; steps <= 5; steps++) memo.GetEpsilon(Run(steps), 1e-5);
        Assert.Equal(3, memo.Count);
        memo.GetEpsilon(Run(5), 1e-5); // the newest is still held
        Assert.Equal(5, inner.Calls);
        memo.GetEpsilon(Run(1), 1e-5); // the oldest was forgotten
        Assert.Equal(6, inner.Calls);
    }
}
