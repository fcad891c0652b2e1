using SynthData.Core.Audits.Canaries;
using SynthData.Core.Audits.Distances;
using SynthData.Core.Audits.Leakage;
using SynthData.Core.Audits.MembershipInference;
using SynthData.Core.Audits.Report;

namespace SynthData.Core.Audits;

/// <summary>
/// Runs every audit on one set of inputs. Deterministic for a seed: each part draws from its own
/// seed derived from AuditInputs.Seed, so adding or skipping one part does not shift the others.
/// </summary>
public static class AuditRunner
{
    /// <summary>Runs the membership attacks, leakage analysis and (when set up) the canary audit, then decides the verdict.</summary>
    public static AuditReport Run(AuditInputs inputs, AuditOptions? options = null)
    {
        options ??= new AuditOptions();
        int seed = inputs.Seed;
        var members = inputs.Members;
        var nonMembers = inputs.NonMembers;
        if (members.RowCount < 2 || nonMembers.RowCount < 4 || inputs.Synthetic.RowCount < 2)
            throw new InvalidInputException("The audit needs at least 2 members, 4 holdout rows and 2 synthetic rows.");
        // Ranges from the training rows: private statistics, used internally only.
        var distance = GowerDistance.FromReference(members);
        int resamples = options.BootstrapResamples;

        var attacks = new List<AttackResult>();
        var (memberRows, nonMemberRows) = BalancedSample.Balance(members.RowCount, nonMembers.RowCount, new Random(DerivedSeed.For(seed, "balance")));
        var balancedMembers = members.SelectRows(memberRows);
        var balancedNonMembers = nonMembers.SelectRows(nonMemberRows);
        if (inputs.RowLoss is { } rowLoss)
        {
            var (m, n) = MembershipAttacks.Loss(rowLoss, balancedMembers, balancedNonMembers);
            attacks.Add(AttackEvaluation.Evaluate("white-box loss", m, n, DerivedSeed.For(seed, "attack:loss"), resamples, options.Confidence));
        }
        {
            var (m, n) = MembershipAttacks.Distance(inputs.Synthetic, balancedMembers, balancedNonMembers, distance);
            attacks.Add(AttackEvaluation.Evaluate("black-box distance", m, n, DerivedSeed.For(seed, "attack:distance"), resamples, options.Confidence));
        }
        {
            // Half the holdout is the density reference and is never scored; the other half plus
            // as many members form the evaluation set.
            var random = new Random(DerivedSeed.For(seed, "density-split"));
            var referenceRows = BalancedSample.Draw(nonMembers.RowCount, nonMembers.RowCount / 2, random);
            var referenceSet = referenceRows.ToHashSet();
            var evaluationNonMembers = Enumerable.Range(0, nonMembers.RowCount).Where(i => !referenceSet.Contains(i)).ToArray();
            int size = Math.Min(evaluationNonMembers.Length, members.RowCount);
            var evaluationNonMemberRows = evaluationNonMembers.Length > size
                ? BalancedSample.Draw(evaluationNonMembers.Length, size, random).Select(i => evaluationNonMembers[i]).ToArray()
                : evaluationNonMembers;
            var evaluationMemberRows = BalancedSample.Draw(members.RowCount, size, random);
            var (m, n) = MembershipAttacks.Density(inputs.Synthetic, nonMembers.SelectRows(referenceRows),
                members.SelectRows(evaluationMemberRows), nonMembers.SelectRows(evaluationNonMemberRows), distance);
            attacks.Add(AttackEvaluation.Evaluate("black-box density (DOMIAS-style kNN)", m, n, DerivedSeed.For(seed, "attack:density"), resamples, options.Confidence));
        }

        var (leakage, dcr) = LeakageAnalysis.Run(members, nonMembers, inputs.Synthetic, distance, DerivedSeed.For(seed, "leakage"), options.RareCategoryThreshold, options.Confidence);

        CanaryAuditResult? canary = null;
        if (options.Canary is { } setup)
        {
            // Without a guarantee there is no delta to test against; 0 tests pure DP (reported, never compared).
            canary = CanaryAudit.Run(setup, options.Guarantee?.Delta ?? 0, options.Confidence);
        }

        var (verdict, leak, flags) = AuditVerdict.Decide(attacks, leakage, canary, options.Guarantee);
        return new AuditReport
        {
            Verdict = verdict,
            LeakDetected = leak,
            Guarantee = options.Guarantee,
            Attacks = attacks,
            Leakage = leakage,
            Canary = canary,
            Flags = flags,
            Quality = options.Quality,
            Seed = seed,
            Dcr = dcr,
        };
    }
}
