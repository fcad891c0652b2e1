namespace SynthData.Server.Tests;

/// <summary>
/// A policies folder for a test server: the repository's default policy plus two test policies, one that
/// requires a reviewer's approval and one with a lifetime budget that fits a single epsilon-1 run.
/// </summary>
static class TestPolicies
{
    public const string ReviewRequired = "review-required";
    public const string TinyBudget = "tiny-budget";

    static string Policy(string id, double maxEpsilon, double lifetime, bool review) => $"""
        id: {id}
        version: 1
        description: test policy {id}
        max_epsilon_per_release: {maxEpsilon}
        max_delta_factor: 0.1
        lifetime_epsilon_budget: {lifetime}
        min_rows: 1000
        pii_handling:
          identifier: replace
        audit:
          max_mia_auc_upper: 0.6
          max_tpr_at_1pct_fpr: 0.05
          min_dcr_share: 0.4
          max_dcr_share: 0.6
          max_exact_copy_rate_excess: 0.001
          max_pii_replays: 0
          empirical_epsilon_must_not_exceed_theoretical: true
        require_reviewer_approval: {(review ? "true" : "false")}
        raw_data_retention_days: 30
        """;

    /// <returns>The server setting that points at the folder.</returns>
    public static string WriteFolder()
    {
        string directory = TestFiles.NewTempDirectory();
        File.Copy(Path.Combine(TestFiles.Repository, "policies", "default.yaml"), Path.Combine(directory, "default.yaml"));
        File.WriteAllText(Path.Combine(directory, $"{ReviewRequired}.yaml"), Policy(ReviewRequired, 3, 10, review: true));
        File.WriteAllText(Path.Combine(directory, $"{TinyBudget}.yaml"), Policy(TinyBudget, 1, 1.2, review: false));
        return $"--SynthData:PoliciesDirectory={directory}";
    }
}
