namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// Runs the RDP and the PLD accountants and quotes the smaller epsilon. Both are valid upper bounds,
/// so their minimum is too; normally PLD wins, RDP is the fallback when PLD cannot represent the loss.
/// </summary>
public sealed class BestOfAccountants(RdpAccountant rdp, PldAccountant tight) : IPrivacyAccountant
{
    public BestOfAccountants() : this(new RdpAccountant(), new PldAccountant())
    {
    }

    public string Name => "best";

    public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta) => Report(privacyEvent, delta).Best;

    public PrivacyReport Report(PrivacyEvent privacyEvent, double delta)
    {
        var fromRdp = rdp.GetEpsilon(privacyEvent, delta);
        var fromTight = tight.GetEpsilon(privacyEvent, delta);
        var best = fromTight.Epsilon <= fromRdp.Epsilon ? fromTight : fromRdp;
        return new PrivacyReport(fromRdp, fromTight, best);
    }
}
