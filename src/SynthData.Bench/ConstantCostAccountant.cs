using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;

namespace SynthData.Bench;

/// <summary>
/// Bench only, never a guarantee: every run the ledger composes costs <paramref name="epsilonPerRun"/> and costs add
/// up. The ledger composes a dataset's history as one ComposedEvent of its runs, so the outermost events are the runs.
/// With it an admission costs the ledger's database work alone (the budget row's lock, the history read, the insert),
/// which is what the replica bench compares across replica counts; the server's accountant is timed separately.
/// </summary>
public sealed class ConstantCostAccountant(double epsilonPerRun) : IPrivacyAccountant
{
    public string Name => "constant_cost_bench_only";

    public bool Supports(PrivacyEvent privacyEvent) => true;

    public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta) => new(Runs(privacyEvent) * epsilonPerRun, delta, Name, 0);

    public double GetDelta(PrivacyEvent privacyEvent, double epsilon) => epsilon >= Runs(privacyEvent) * epsilonPerRun ? 0 : 1;

    static int Runs(PrivacyEvent privacyEvent) => privacyEvent is ComposedEvent composed ? composed.Events.Count : 1;
}
