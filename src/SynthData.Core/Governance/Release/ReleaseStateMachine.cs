using SynthData.Core.Audits.Report;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Policies;

namespace SynthData.Core.Governance.Release;

/// <summary>A release decision and what follows from it.</summary>
/// <param name="Decision">The policy's release decision on the audit evidence and the reviewer's word.</param>
/// <param name="State">The model's state after it.</param>
/// <param name="AuditPasses">The audit's verdict: its evidence meets every rule of the policy, a reviewer's approval aside.</param>
public sealed record ReleaseOutcome(PolicyDecision Decision, ReleaseState State, bool AuditPasses)
{
    /// <summary>True when the model may generate for consumers.</summary>
    public bool Released => State == ReleaseState.Released;

    /// <summary>The outcome in plain words, for summaries.</summary>
    public string Describe() => Decision.Allowed ? "released."
        : State == ReleaseState.Audited ? "the audit passes; the policy requires a reviewer's approval."
        : "denied: " + string.Join("; ", Decision.Reasons) + ".";
}

/// <summary>
/// The one place that decides release: the local synth job, the server's audit jobs and reviews all ask it. A reviewer
/// can withhold a release; no reviewer can override an audit that fails the policy. After a new audit an earlier
/// approval lapses (it was of other evidence) while a rejection stands until a reviewer lifts it, or the owner could
/// overturn it by simply auditing again. A released model is not audited again in place: it is rejected first.
/// </summary>
public static class ReleaseStateMachine
{
    /// <summary>The release decision and the resulting state for an audit of a model under a policy.</summary>
    /// <param name="policy">The policy in force.</param>
    /// <param name="audit">The latest audit of the model.</param>
    /// <param name="reviewerApproved">True approved, false rejected, null when no review counts.</param>
    public static ReleaseOutcome Decide(ReleasePolicy policy, AuditReport audit, bool? reviewerApproved)
    {
        var decision = PolicyEvaluator.Release(policy, GovernanceMetadataBuilder.Evidence(audit, reviewerApproved));
        bool passes = reviewerApproved == true ? decision.Allowed : AuditPasses(policy, audit);
        var state = decision.Allowed ? ReleaseState.Released
            : reviewerApproved == false ? ReleaseState.Rejected
            : passes ? ReleaseState.Audited // denied only for want of an approval: the model waits for a reviewer
            : ReleaseState.Rejected;
        return new ReleaseOutcome(decision, state, passes);
    }

    /// <summary>The audit's verdict: its evidence meets every rule of the policy, a reviewer's approval aside.</summary>
    public static bool AuditPasses(ReleasePolicy policy, AuditReport audit) =>
        PolicyEvaluator.Release(policy, GovernanceMetadataBuilder.Evidence(audit, true)).Allowed;

    /// <summary>The outcome of a finished audit, given the latest review before it (an approval lapses, a rejection stands).</summary>
    public static ReleaseOutcome AfterAudit(ReleasePolicy policy, AuditReport audit, bool? latestReview) =>
        Decide(policy, audit, latestReview == false ? false : null);

    /// <summary>The outcome of a review of the latest audit; null with the reason when the move is not allowed.</summary>
    public static (ReleaseOutcome? Outcome, string? Refusal) Review(ReleasePolicy policy, AuditReport audit, bool approve)
    {
        var outcome = Decide(policy, audit, approve);
        return approve && !outcome.AuditPasses
            ? (null, $"it fails its audit under policy '{policy.Id}'; an approval cannot override the evidence")
            : (outcome, null);
    }

    /// <summary>Why a model in this state cannot be audited now; null when it can.</summary>
    public static string? WhyNotAuditable(ReleaseState state) =>
        state == ReleaseState.Released ? "it is already released; reject it first to audit it again" : null;

    /// <summary>Why a model in this state may not generate rows; null when it may (only a released model does).</summary>
    public static string? WhyNotGeneratable(ReleaseState state) => state switch
    {
        ReleaseState.Released => null,
        ReleaseState.Pending => "it has not been audited",
        ReleaseState.Audited => "its audit passed and it awaits a reviewer's approval",
        ReleaseState.Rejected => "its audit failed the policy or a reviewer rejected it",
        _ => $"its release state is {state.ToString().ToLowerInvariant()}",
    };
}
