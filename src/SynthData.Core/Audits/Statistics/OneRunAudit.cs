using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace SynthData.Core.Audits.Statistics;

/// <summary>The guess counts of a one-run audit.</summary>
/// <param name="Canaries">m: canaries, each included in training independently with probability 1/2.</param>
/// <param name="Guesses">r: canaries on which the auditor did not abstain.</param>
/// <param name="CorrectGuesses">v: guesses that matched the inclusion bit.</param>
public readonly record struct OneRunGuesses(int Canaries, int Guesses, int CorrectGuesses);

/// <summary>A one-run audit's outcome: with the given confidence, the trained mechanism is not eps-DP for any eps below EpsilonLowerBound.</summary>
/// <param name="Guesses">The guess counts the bound was computed from.</param>
/// <param name="Delta">The delta the bound assumes.</param>
/// <param name="Confidence">Confidence of the bound.</param>
/// <param name="EpsilonLowerBound">Largest epsilon rejected; 0 when none is.</param>
public sealed record OneRunAuditResult(OneRunGuesses Guesses, double Delta, double Confidence, double EpsilonLowerBound);

/// <summary>
/// Auditing differential privacy in one training run (Steinke, Nasr, Jagielski 2023,
/// arXiv 2305.08846, Appendix D). m canaries are each included with probability 1/2; after one
/// training run the auditor guesses "in" for the top k+ scores, "out" for the bottom k-, and
/// abstains on the rest. If the mechanism were (eps, delta)-DP, v correct out of r guesses would be
/// unlikely when v is large; the reported bound is the largest eps rejected at the given confidence.
/// </summary>
public static class OneRunAudit
{
    /// <summary>
    /// p-value of observing at least v correct of r guesses under (eps, delta)-DP with m canaries:
    /// with p = e^eps/(1+e^eps), beta = P[Bin(r,p) &gt;= v], alpha = max over 1 &lt;= i &lt;= v of
    /// (1/i) P[v-i &lt;= Bin(r,p) &lt; v]; p-value = min(1, beta + 2 m delta alpha).
    /// </summary>
    public static double PValue(int canaries, int guesses, int correct, double epsilon, double delta)
    {
        ValidateCounts(canaries, guesses, correct, delta);
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), "Epsilon must be non-negative.");
        double p = 1.0 / (1.0 + Math.Exp(-epsilon));
        // P[Bin(r,p) >= v] through the regularised incomplete beta, which keeps tail precision.
        double beta = correct == 0 ? 1.0 : SpecialFunctions.BetaRegularized(correct, guesses - correct + 1, p);
        double alpha = 0, window = 0;
        for (int i = 1; i <= correct; i++)
        {
            window += Binomial.PMF(p, guesses, correct - i);
            alpha = Math.Max(alpha, window / i);
        }
        return Math.Min(1.0, beta + alpha * delta * 2.0 * canaries);
    }

    /// <summary>
    /// The largest epsilon whose p-value is below 1 - confidence, by bisection (the p-value grows
    /// with epsilon). 0 when even epsilon = 0 cannot be rejected.
    /// </summary>
    public static double EpsilonLowerBound(int canaries, int guesses, int correct, double delta, double confidence = 0.95)
    {
        ValidateCounts(canaries, guesses, correct, delta);
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must lie in (0, 1).");
        double significance = 1 - confidence;
        if (PValue(canaries, guesses, correct, 0, delta) >= significance) return 0;

        // Invariant: p-value(low) < significance <= p-value(high).
        double low = 0, high = 1;
        while (PValue(canaries, guesses, correct, high, delta) < significance)
        {
            low = high;
            high *= 2;
            if (high > 1e3) return low; // p rounds to 1 long before this; never reached with r >= 1.
        }
        for (int iteration = 0; iteration < 60 && high - low > 1e-12; iteration++)
        {
            double middle = (low + high) / 2;
            if (PValue(canaries, guesses, correct, middle, delta) < significance) low = middle; else high = middle;
        }
        return low;
    }

    /// <summary>
    /// Scorer-side guessing: "in" for the guessesIn highest scores, "out" for the guessesOut lowest,
    /// abstain on the rest. Ties are broken by canary index, which does not depend on the inclusion
    /// bits, so the guesses remain a function of the training output only.
    /// </summary>
    public static OneRunGuesses Guess(IReadOnlyList<double> canaryScores, IReadOnlyList<bool> included, int guessesIn, int guessesOut)
    {
        int m = canaryScores.Count;
        if (included.Count != m) throw new ArgumentException($"Got {m} canary scores but {included.Count} inclusion bits.");
        if (guessesIn < 0 || guessesOut < 0 || guessesIn + guessesOut > m)
            throw new ArgumentOutOfRangeException(nameof(guessesIn), $"Need 0 <= k+ and k- with k+ + k- <= m = {m}.");
        for (int i = 0; i < m; i++)
            if (double.IsNaN(canaryScores[i])) throw new ArgumentException($"Canary score {i} is NaN.");

        var order = Enumerable.Range(0, m).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int byScore = canaryScores[b].CompareTo(canaryScores[a]); // descending
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        int correct = 0;
        for (int i = 0; i < guessesIn; i++) if (included[order[i]]) correct++;
        for (int i = m - guessesOut; i < m; i++) if (!included[order[i]]) correct++;
        return new OneRunGuesses(m, guessesIn + guessesOut, correct);
    }

    /// <summary>
    /// The whole audit with a fixed guessing rule chosen before looking at the scores:
    /// k+ = k- = floor(guessFraction * m / 2). Fixing the rule avoids a multiple-testing correction.
    /// </summary>
    public static OneRunAuditResult Audit(IReadOnlyList<double> canaryScores, IReadOnlyList<bool> included, double guessFraction, double delta, double confidence = 0.95)
    {
        if (!(guessFraction > 0 && guessFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(guessFraction), "The guess fraction must lie in (0, 1].");
        int perSide = (int)Math.Floor(guessFraction * canaryScores.Count / 2);
        var guesses = Guess(canaryScores, included, perSide, perSide);
        double epsilon = EpsilonLowerBound(guesses.Canaries, guesses.Guesses, guesses.CorrectGuesses, delta, confidence);
        return new OneRunAuditResult(guesses, delta, confidence, epsilon);
    }

    static void ValidateCounts(int canaries, int guesses, int correct, double delta)
    {
        if (!(0 <= correct && correct <= guesses && guesses <= canaries))
            throw new ArgumentException($"Need 0 <= v <= r <= m, got v = {correct}, r = {guesses}, m = {canaries}.");
        if (!(delta >= 0 && delta <= 1)) throw new ArgumentOutOfRangeException(nameof(delta), "Delta must lie in [0, 1].");
    }
}
