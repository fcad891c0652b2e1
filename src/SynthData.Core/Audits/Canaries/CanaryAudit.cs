using SynthData.Core.Audits.Statistics;

namespace SynthData.Core.Audits.Canaries;

/// <summary>
/// One-run privacy audit (Steinke, Nasr, Jagielski 2023): m canaries, each included in training
/// with probability 1/2; one training run; canaries scored by -loss; the top k+ guessed "in", the
/// bottom k- "out" (k+ = k-). As in the paper's experiments, several guess counts are tried and
/// the best bound reported; to keep the stated confidence valid over the whole grid, each count is
/// tested at level (1 - confidence) / grid size (Bonferroni).
/// </summary>
public static class CanaryAudit
{
    /// <summary>Guess counts per side, as fractions of m/2 (the paper sweeps k from small to all).</summary>
    static readonly double[] GuessFractions = [0.05, 0.1, 0.2, 0.5, 1.0];

    /// <summary>Trains once on the base rows plus a coin-chosen half of the canaries and returns the best epsilon lower bound over the guess counts.</summary>
    public static CanaryAuditResult Run(CanarySetup setup, double delta, double confidence = 0.95)
    {
        int canaries = setup.Canaries.RowCount;
        if (canaries < 2) throw new InvalidInputException("The canary audit needs at least two canaries.", "canaries");
        var included = Enumerable.Range(0, canaries).Select(_ => setup.Coins.Next(2) == 1).ToArray();
        var includedRows = Enumerable.Range(0, canaries).Where(i => included[i]).ToArray();

        var loss = setup.Train(TableConcatenation.Append(setup.BaseRows, setup.Canaries.SelectRows(includedRows)));
        var losses = loss(setup.Canaries);
        if (losses.Length != canaries) throw new InvalidOperationException($"The loss delegate returned {losses.Length} losses for {canaries} canaries.");
        var scores = losses.Select(l => -l).ToArray();

        var perSide = GuessFractions.Select(f => Math.Max(1, (int)Math.Floor(f * canaries / 2))).Distinct().ToArray();
        double splitConfidence = 1 - (1 - confidence) / perSide.Length;
        OneRunGuesses best = default;
        double bestEpsilon = -1;
        foreach (int k in perSide)
        {
            var guesses = OneRunAudit.Guess(scores, included, k, k);
            double epsilon = OneRunAudit.EpsilonLowerBound(guesses.Canaries, guesses.Guesses, guesses.CorrectGuesses, delta, splitConfidence);
            if (epsilon > bestEpsilon) { bestEpsilon = epsilon; best = guesses; }
        }
        return new CanaryAuditResult(canaries, includedRows.Length, best.Guesses, best.CorrectGuesses, bestEpsilon, confidence, delta, perSide.Length);
    }
}
