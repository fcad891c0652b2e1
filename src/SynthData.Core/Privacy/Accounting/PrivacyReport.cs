namespace SynthData.Core.Privacy.Accounting;

/// <summary>Both accountants' figures for one event and delta, and the one to quote (the smaller valid epsilon).</summary>
/// <param name="Rdp">The Rényi-DP bound.</param>
/// <param name="Tight">The PLD bound (its EpsilonError says how far above exact it may be).</param>
/// <param name="Best">The smaller of the two, under the name <see cref="BestOfAccountants.AccountantName"/>.</param>
public sealed record PrivacyReport(PrivacyGuarantee Rdp, PrivacyGuarantee Tight, PrivacyGuarantee Best);
