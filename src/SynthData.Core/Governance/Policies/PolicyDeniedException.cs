using SynthData.Core.Governance.Decisions;

namespace SynthData.Core.Governance.Policies;

/// <summary>
/// A release policy's "no", carrying every reason separately (the server sends one precondition violation per
/// reason; the message joins them for a one-line display). Reasons are sentences with figures, never a data value.
/// </summary>
public sealed class PolicyDeniedException(string policyId, int policyVersion, DecisionStage stage, IReadOnlyList<string> reasons)
    : UserFacingException(ErrorReason.PolicyDenied,
        $"Policy '{policyId}' (version {policyVersion}) denies the {(stage == DecisionStage.Admission ? "run" : "release")}: {string.Join("; ", reasons)}.")
{
    public PolicyDeniedException(PolicyDecision decision) : this(decision.PolicyId, decision.PolicyVersion, decision.Stage, decision.Reasons) { }

    public string PolicyId { get; } = policyId;
    public int PolicyVersion { get; } = policyVersion;
    public DecisionStage Stage { get; } = stage;
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
