using System.Globalization;
using SynthData.Core.Audits.Canaries;
using SynthData.Core.Audits.Leakage;
using SynthData.Core.Audits.MembershipInference;

namespace SynthData.Core.Audits.Report;

/// <summary>
/// Turns the figures into flags and a verdict. A leak is evidence that is statistically clear at the
/// audit's confidence: an attack whose AUC interval lies above 1/2, excess exact copies, DCR
/// favouring training, replayed identifiers/PII. Rare categories reappearing is a warning only
/// (declared categories are public and a DP model may produce them). An empirical epsilon above
/// the theoretical one means the accounting or the training is wrong: a loud bug flag.
/// </summary>
public static class AuditVerdict
{
    /// <summary>Returns the verdict sentence, whether a leak was found, and the flags (leaks first).</summary>
    public static (string Verdict, bool Leak, List<string> Flags) Decide(
        IReadOnlyList<AttackResult> attacks, LeakageReport leakage, CanaryAuditResult? canary, TheoreticalGuarantee? guarantee)
    {
        var leaks = new List<string>();
        var flags = new List<string>();
        foreach (var attack in attacks.Where(a => a.BeatsGuessing))
            leaks.Add(string.Create(CultureInfo.InvariantCulture, $"the {attack.Name} attack tells members from non-members better than chance (AUC {attack.Auc:0.000}, 95% CI {attack.AucInterval95.Lower:0.000}-{attack.AucInterval95.Upper:0.000})"));
        if (leakage.ExcessExactCopies)
            leaks.Add(string.Create(CultureInfo.InvariantCulture, $"{Percent(leakage.ExactCopiesOfTraining.Share)} of synthetic rows copy a training row, against {Percent(leakage.ExactCopiesOfHoldout.Share)} for unseen rows"));
        if (leakage.DcrFavoursTraining)
            leaks.Add(string.Create(CultureInfo.InvariantCulture, $"{Percent(leakage.DcrCloserToTraining.Share)} of synthetic rows sit closer to a training row than to an unseen row (50% expected)"));
        if (leakage.ReplayedIdentifierOrPiiCells > 0)
            leaks.Add(string.Create(CultureInfo.InvariantCulture, $"{leakage.ReplayedIdentifierOrPiiCells} synthetic identifier/PII cells repeat a training value"));
        if (leakage.ReplayedRareCategories > 0)
            flags.Add(string.Create(CultureInfo.InvariantCulture, $"warning: {leakage.ReplayedRareCategories} categories rare in training (fewer than the threshold) appear in the synthetic data"));
        // (eps, delta)-DP bounds every test: TPR <= e^eps FPR + delta. An attack clearly above that at 1% FPR contradicts the guarantee.
        if (guarantee is not null)
        {
            double allowed = Math.Min(1, Math.Exp(guarantee.Epsilon) * 0.01 + guarantee.Delta);
            foreach (var attack in attacks.Where(a => a.TprAt1PctInterval.Lower > allowed))
                flags.Add(string.Create(CultureInfo.InvariantCulture, $"BUG: the {attack.Name} attack reaches TPR {attack.TprAt1PctFpr:0.000} at 1% FPR (95% CI from {attack.TprAt1PctInterval.Lower:0.000}), above the {allowed:0.000} that epsilon {guarantee.Epsilon:0.###} permits"));
        }
        if (canary is not null && guarantee is not null && canary.EmpiricalEpsilonLowerBound > guarantee.Epsilon)
            flags.Add(string.Create(CultureInfo.InvariantCulture, $"BUG: the canary audit proves epsilon >= {canary.EmpiricalEpsilonLowerBound:0.###}, above the claimed epsilon {guarantee.Epsilon:0.###}; the privacy accounting or the training is wrong"));
        flags.InsertRange(0, leaks.Select(l => "leak: " + l));
        string verdict = leaks.Count == 0
            ? "No evidence of membership leakage"
            : "Leak detected: " + string.Join("; ", leaks);
        return (verdict, leaks.Count > 0, flags);
    }

    static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
