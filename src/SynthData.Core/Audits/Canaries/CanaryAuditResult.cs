namespace SynthData.Core.Audits.Canaries;

/// <summary>
/// Outcome of a one-run canary audit: m canaries, how many were included, the guesses made (k+ "in"
/// plus k- "out") and how many were right, and the empirical epsilon lower bound at the given
/// confidence (already corrected for having tried every guess count of the grid).
/// </summary>
/// <param name="Canaries">m: canaries made.</param>
/// <param name="Included">Canaries the coins put into training.</param>
/// <param name="Guesses">Guesses made by the best guess count (k+ plus k-).</param>
/// <param name="Correct">Guesses that matched the inclusion bit.</param>
/// <param name="EmpiricalEpsilonLowerBound">Best epsilon lower bound over the grid, Bonferroni-corrected.</param>
/// <param name="Confidence">Overall confidence of the bound.</param>
/// <param name="Delta">The delta the bound assumes.</param>
/// <param name="GridSize">How many guess counts were tried.</param>
public sealed record CanaryAuditResult(
    int Canaries,
    int Included,
    int Guesses,
    int Correct,
    double EmpiricalEpsilonLowerBound,
    double Confidence,
    double Delta,
    int GridSize);
