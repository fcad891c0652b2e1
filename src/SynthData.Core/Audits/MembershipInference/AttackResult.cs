using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Audits.MembershipInference;

/// <summary>
/// One membership-inference attack on balanced member / non-member sets: AUC and the true-positive
/// rates at 1% and 0.1% false positives, each with a seeded 95% percentile-bootstrap interval, and
/// the ROC curve (thinned to at most a few hundred points for plotting).
/// </summary>
/// <param name="Name">Attack name, as shown in the report.</param>
/// <param name="Auc">Area under the ROC curve; 1/2 is guessing.</param>
/// <param name="AucInterval95">Bootstrap interval of the AUC.</param>
/// <param name="TprAt1PctFpr">True-positive rate at 1% false positives.</param>
/// <param name="TprAt1PctInterval">Bootstrap interval of <paramref name="TprAt1PctFpr"/>.</param>
/// <param name="TprAt01PctFpr">True-positive rate at 0.1% false positives.</param>
/// <param name="TprAt01PctInterval">Bootstrap interval of <paramref name="TprAt01PctFpr"/>.</param>
/// <param name="RocCurve">The ROC curve, thinned for plotting.</param>
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
