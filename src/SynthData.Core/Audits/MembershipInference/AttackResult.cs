using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Audits.MembershipInference;

/// <summary>
/// One membership-inference attack on balanced member / non-member sets: AUC and the true-positive
/// rates at 1% and 0.1% false positives, each with a seeded 95% percentile-bootstrap interval, and
/// the ROC curve (thinned to at most a few hundred points for plotting).
/// </summary>
public sealed record AttackResult(
    string Name,
    double Auc,
    ConfidenceInterval AucInterval95,
    double TprAt1PctFpr,
    ConfidenceInterval TprAt1PctInterval,
    double TprAt01PctFpr,
    ConfidenceInterval TprAt01PctInterval,
    IReadOnlyList<RocPoint> RocCurve)
{
    /// <summary>True when the AUC interval lies wholly above 1/2: the attack beats guessing.</summary>
    public bool BeatsGuessing => AucInterval95.Lower > 0.5;
}
