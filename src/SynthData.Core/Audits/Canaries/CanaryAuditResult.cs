namespace SynthData.Core.Audits.Canaries;

/// <summary>
/// Outcome of a one-run canary audit: m canaries, how many were included, the guesses made (k+ "in"
/// plus k- "out") and how many were right, and the empirical epsilon lower bound at the given
/// confidence (already corrected for having tried every guess count of the grid).
/// </summary>
public sealed record CanaryAuditResult(
    int Canaries,
    int Included,
    int Guesses,
    int Correct,
    double EmpiricalEpsilonLowerBound,
    double Confidence,
    double Delta,
    int GridSize);
