namespace SynthData.Core.Privacy.Accounting;

/// <summary>Both accountants' figures for one event and delta, and the one to quote (the smaller valid epsilon).</summary>
/// <param name="Rdp">The Rényi-DP bound.</param>
/// <param name="Tight">The PLD bound (its EpsilonError says how far above exact it may be).</param>
/// <param name="Best">Whichever of the two is smaller; its Accountant names the one that certified it.</param>
public sealed record PrivacyReport(PrivacyGuarantee Rdp, PrivacyGuarantee Tight, PrivacyGuarantee Best);
