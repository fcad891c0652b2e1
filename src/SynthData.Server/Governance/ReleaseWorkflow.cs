using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Audits.Report;
using SynthData.Core.Governance.Decisions;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Policies;
using SynthData.Server.Storage;

namespace SynthData.Server.Governance;

/// <summary>
/// Where a model stands after its audit and its reviews: the policy's release decision on the audit evidence
/// and the reviewer's word, and the state that follows. A reviewer can withhold a release; no reviewer can
/// override an audit that fails the policy.
/// </summary>
public static class ReleaseWorkflow
{
    public static (PolicyDecision Decision, ReleaseState State) Decide(ReleasePolicy policy, AuditReport audit, bool? reviewerApproved)
    {
        var decision = PolicyEvaluator.Release(policy, GovernanceMetadataBuilder.Evidence(audit, reviewerApproved));
        if (decision.Allowed) return (decision, ReleaseState.Released);
        if (reviewerApproved == false) return (decision, ReleaseState.Rejected);
        // Denied only for want of an approval: the model waits for a reviewer.
        bool passesOnApproval = PolicyEvaluator.Release(policy, GovernanceMetadataBuilder.Evidence(audit, true)).Allowed;
        return (decision, passesOnApproval ? ReleaseState.Audited : ReleaseState.Rejected);
    }

    /// <summary>
    /// The review that still counts after a new audit. An approval was of other evidence, so it lapses; a rejection
    /// stands until a reviewer lifts it, or the owner could overturn it by simply auditing again.
    /// </summary>
    public static bool? ReviewStandingAfterAudit(bool? latestReview) => latestReview == false ? false : null;

    /// <summary>Whether the audit's evidence meets every rule of the policy, a reviewer's approval aside (the audit's verdict).</summary>
    public static bool AuditPasses(ReleasePolicy policy, AuditReport audit) => Decide(policy, audit, true).Decision.Allowed;

    /// <summary>The decision and state a finished audit leads to, given the latest review before it.</summary>
    public static (PolicyDecision Decision, ReleaseState State) AfterAudit(ReleasePolicy policy, AuditReport audit, bool? latestReview) =>
        Decide(policy, audit, ReviewStandingAfterAudit(latestReview));

    public static string ReportDirectory(ModelRecord model) =>
        Path.Combine(Path.GetDirectoryName(model.ArtifactPath)!, model.Id + "-audit");

    public static string ReportJsonPath(ModelRecord model) => Path.Combine(ReportDirectory(model), "report.json");
    public static string ReportHtmlPath(ModelRecord model) => Path.Combine(ReportDirectory(model), "report.html");

    public static AuditReport? LoadReport(ModelRecord model) =>
        File.Exists(ReportJsonPath(model))
            ? JsonSerializer.Deserialize<AuditReport>(File.ReadAllText(ReportJsonPath(model)), SynthDataJson.Options)
            : null;

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, SynthDataJson.Options);
    public static T? FromJson<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, SynthDataJson.Options);
}
