using System.Globalization;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Tabular;

namespace SynthData.Core.Governance.Decisions;

/// <summary>Applies a policy at admission and at release, listing every reason, not just the first.</summary>
public static class PolicyEvaluator
{
    static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Decides whether training may start: epsilon, delta (against the policy's factor / N), rows, lifetime budget; unhandled PII kinds are notes.</summary>
    public static PolicyDecision Admit(ReleasePolicy policy, AdmissionRequest request)
    {
        var reasons = new List<string>();
        // Unhandled PII kinds fall back to drop, which is safe: they are notes, not denials.
        var notes = new List<string>();
        if (!(request.Epsilon > 0) || !double.IsFinite(request.Epsilon))
            reasons.Add(F($"epsilon must be a positive number; {request.Epsilon} was requested"));
        else if (request.Epsilon > policy.MaxEpsilonPerRelease)
            reasons.Add(F($"epsilon {request.Epsilon:0.###} exceeds the policy's maximum per release, {policy.MaxEpsilonPerRelease:0.###}"));
        if (request.Rows < policy.MinRows)
            reasons.Add(F($"the table has {request.Rows} rows; the policy requires at least {policy.MinRows}"));
        double maxDelta = policy.MaxDeltaFactor / Math.Max(1, request.Rows);
        if (!(request.Delta > 0))
            reasons.Add(F($"delta must be a positive number; {request.Delta} was requested"));
        else if (request.Delta > maxDelta)
            reasons.Add(F($"delta {request.Delta:G3} is above the policy's limit {policy.MaxDeltaFactor:G3}/N = {maxDelta:G3}"));
        if (request.LifetimeEpsilonIfAdmitted is { } lifetime && lifetime > policy.LifetimeEpsilonBudget)
            reasons.Add(F($"the dataset's lifetime epsilon would reach {lifetime:0.###}, above the budget of {policy.LifetimeEpsilonBudget:0.###}"));
        foreach (var column in request.Schema.Columns.Where(c => !c.IsModelled))
        {
            string kind = column.Kind == ColumnKind.Identifier ? "identifier" : ToSnake(column.Pii.ToString());
            if (!policy.PiiHandling.ContainsKey(kind))
                notes.Add($"column '{column.Name}' is {kind} PII and the policy does not say how to handle it (it would be dropped)");
        }
        bool allowed = reasons.Count == 0;
        reasons.AddRange(notes);
        return new PolicyDecision(DecisionStage.Admission, allowed, reasons.Count == 0 ? ["all admission checks passed"] : reasons,
            policy.Id, policy.Version, DateTimeOffset.UtcNow);
    }

    /// <summary>Decides whether synthetic data may leave, from the audit figures against the policy's thresholds and the reviewer's word.</summary>
    public static PolicyDecision Release(ReleasePolicy policy, ReleaseEvidence evidence)
    {
        var a = policy.Audit;
        var reasons = new List<string>();
        if (evidence.MiaAucUpper > a.MaxMiaAucUpper)
            reasons.Add(F($"the strongest membership attack's AUC reaches {evidence.MiaAucUpper:0.000} (upper 95% bound), above the limit {a.MaxMiaAucUpper:0.000}"));
        if (evidence.TprAt1PctFpr > a.MaxTprAt1PctFpr)
            reasons.Add(F($"an attack identifies {evidence.TprAt1PctFpr:P1} of members at 1% false positives, above the limit {a.MaxTprAt1PctFpr:P1}"));
        if (evidence.DcrShare < a.MinDcrShare || evidence.DcrShare > a.MaxDcrShare)
            reasons.Add(F($"the DCR share is {evidence.DcrShare:0.000}, outside the allowed [{a.MinDcrShare:0.00}, {a.MaxDcrShare:0.00}]"));
        double excess = evidence.TrainCopyRate - evidence.HoldoutCopyRate;
        if (excess > a.MaxExactCopyRateExcess)
            reasons.Add(F($"synthetic rows copy training rows {excess:P2} more often than unseen rows, above the limit {a.MaxExactCopyRateExcess:P2}"));
        if (evidence.PiiReplays > a.MaxPiiReplays)
            reasons.Add(F($"{evidence.PiiReplays} identifier/PII cells repeat training values; the limit is {a.MaxPiiReplays}"));
        if (a.EmpiricalEpsilonMustNotExceedTheoretical && evidence.EmpiricalEpsilon is { } empirical)
        {
            if (evidence.TheoreticalEpsilon is not { } theoretical)
                reasons.Add(F($"the model has no privacy guarantee, and the canary audit proves epsilon >= {empirical:0.###}"));
            else if (empirical > theoretical)
                reasons.Add(F($"the canary audit proves epsilon >= {empirical:0.###}, above the accountant's {theoretical:0.###}: the accounting or training is wrong"));
        }
        if (evidence.TheoreticalEpsilon is null)
            reasons.Add("the model was trained without differential privacy; a non-private model is never released");
        else if (evidence.TheoreticalEpsilon > policy.MaxEpsilonPerRelease)
            reasons.Add(F($"the model's epsilon {evidence.TheoreticalEpsilon:0.###} exceeds the policy's maximum per release {policy.MaxEpsilonPerRelease:0.###}"));
        if (evidence.ReplayableRandomness)
            reasons.Add("the model was trained in reproducible mode (NOT PRIVATE: its noise, batches and split can be replayed from a seed); such a model is never released");
        if (policy.RequireDeclaredSchema && evidence.SchemaInferredColumns.Count > 0)
            reasons.Add($"the policy requires a fully declared schema, but the structure of {evidence.SchemaInferredColumns.Count} column(s) was inferred from the private rows " +
                $"({string.Join(", ", evidence.SchemaInferredColumns)}), which the guarantee does not cover: declare them in the schema file");
        if (policy.DenyOnQualityWarnings && evidence.QualityWarningColumns.Count > 0)
            reasons.Add($"the synthetic distribution of {evidence.QualityWarningColumns.Count} column(s) disagrees with the run's own DP quantiles beyond what the noise explains " +
                $"({string.Join(", ", evidence.QualityWarningColumns)}), and the policy denies releases with quality warnings");
        // A rejection blocks under any policy; an approval is needed only where the policy asks for one.
        if (evidence.ReviewerApproved == false)
            reasons.Add("a reviewer rejected the release");
        else if (policy.RequireReviewerApproval && evidence.ReviewerApproved != true)
            reasons.Add("the policy requires a reviewer's approval, which has not been given");
        return new PolicyDecision(DecisionStage.Release, reasons.Count == 0, reasons.Count == 0 ? ["all release checks passed"] : reasons,
            policy.Id, policy.Version, DateTimeOffset.UtcNow);
    }

    static string ToSnake(string name) => name switch { "FreeText" => "free_text", _ => name.ToLowerInvariant() };
}
