using SynthData.Core.Privacy.Accounting.Pld;
using SynthData.Core.Privacy.Accounting.Rdp;

namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// SynthData's accountant, <see cref="AccountantName"/> wherever a guarantee is published: it runs the
/// RDP and the PLD accountants and quotes the smaller epsilon (or delta). Both are valid upper bounds,
/// so their minimum is too; normally PLD wins, RDP is the fallback when PLD cannot represent the loss.
/// </summary>
public sealed class BestOfAccountants(RdpAccountant rdp, PldAccountant tight) : IPrivacyAccountant
{
    /// <summary>The one name of this accountant in footers, cards, reports, RPC replies and the CLI.</summary>
    public const string AccountantName = "pld_rdp_min";

    /// <summary>The default pairing: a fresh RDP accountant and a PLD accountant.</summary>
    public BestOfAccountants() : this(new RdpAccountant(), new PldAccountant())
    {
    }

    /// <inheritdoc/>
    public string Name => AccountantName;

    /// <summary>True when either accountant can interpret the event.</summary>
    public bool Supports(PrivacyEvent privacyEvent) => rdp.Supports(privacyEvent) || tight.Supports(privacyEvent);

    /// <summary>The smaller of the two accountants' epsilons at <paramref name="delta"/>.</summary>
    public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta) => Report(privacyEvent, delta).Best;

    /// <summary>The smaller of the two accountants' deltas at <paramref name="epsilon"/>.</summary>
    public double GetDelta(PrivacyEvent privacyEvent, double epsilon) =>
        Math.Min(rdp.GetDelta(privacyEvent, epsilon), tight.GetDelta(privacyEvent, epsilon));

    /// <summary>Both figures, and the quoted one (named <see cref="AccountantName"/>, with the error of the bound it took).</summary>
    public PrivacyReport Report(PrivacyEvent privacyEvent, double delta)
    {
        var fromRdp = rdp.GetEpsilon(privacyEvent, delta);
        var fromTight = tight.GetEpsilon(privacyEvent, delta);
        var smaller = fromTight.Epsilon <= fromRdp.Epsilon ? fromTight : fromRdp;
        return new PrivacyReport(fromRdp, fromTight, smaller with { Accountant = Name });
    }
}
