using SynthData.Core.Governance.Decisions;

namespace SynthData.Core.Governance.Policies;

/// <summary>
/// A release policy's "no", carrying every reason separately (the server sends one precondition violation per
/// reason; the message joins them for a one-line display). Reasons are sentences with figures, never a data value.
/// </summary>
/// <param name="policyId">The policy that denied.</param>
/// <param name="policyVersion">Its version.</param>
/// <param name="stage">Admission (the run) or release.</param>
/// <param name="reasons">Every reason for the denial.</param>
public sealed class PolicyDeniedException(string policyId, int policyVersion, DecisionStage stage, IReadOnlyList<string> reasons)
    : UserFacingException(ErrorReason.PolicyDenied,
        $"Policy '{policyId}' (version {policyVersion}) denies the {(stage == DecisionStage.Admission ? "run" : "release")}: {string.Join("; ", reasons)}.")
{
    /// <summary>The exception for a denying <paramref name="decision"/>.</summary>
    public PolicyDeniedException(PolicyDecision decision) : this(decision.PolicyId, decision.PolicyVersion, decision.Stage, decision.Reasons) { }

    /// <summary>The policy that denied.</summary>
    public string PolicyId { get; } = policyId;
    /// <summary>The version of the policy that denied.</summary>
    public int PolicyVersion { get; } = policyVersion;
    /// <summary>Whether the run or the release was denied.</summary>
    public DecisionStage Stage { get; } = stage;
    /// <summary>Every reason, one sentence each.</summary>
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
