using SynthData.Core.Audits.Distances;
using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.MembershipInference;

/// <summary>
/// The three membership scores (higher = "more likely a training row"). Each returns scores for
/// the given member rows and non-member rows; balancing and evaluation happen in the caller.
/// </summary>
public static class MembershipAttacks
{
    /// <summary>White-box: a model that fits its training rows gives them lower loss, so score = -loss.</summary>
    public static (double[] Members, double[] NonMembers) Loss(Func<TabularData, double[]> rowLoss, TabularData members, TabularData nonMembers)
    {
        double[] Scores(TabularData rows)
        {
            var losses = rowLoss(rows);
            if (losses.Length != rows.RowCount) throw new InvalidOperationException($"The loss delegate returned {losses.Length} losses for {rows.RowCount} rows.");
            return losses.Select(l => double.IsNaN(l) ? throw new InvalidOperationException("The loss delegate returned NaN.") : -l).ToArray();
        }
        return (Scores(members), Scores(nonMembers));
    }

    /// <summary>Black-box: a generator that memorises puts synthetic rows near its training rows, so score = -(distance to the closest synthetic row).</summary>
    public static (double[] Members, double[] NonMembers) Distance(TabularData synthetic, TabularData members, TabularData nonMembers, GowerDistance distance)
    {
        double[] Scores(TabularData rows) => NearestNeighbours.Find(rows, synthetic, distance).NearestDistance.Select(d => -d).ToArray();
        return (Scores(members), Scores(nonMembers));
    }

    /// <summary>
    /// Black-box density ratio in the manner of DOMIAS (van Breugel et al. 2023): a row is scored by
    /// how much more likely it is under the synthetic sample than under a reference sample of the
    /// real population. Densities are nearest-neighbour estimates (k = 1) in Gower space:
    /// p(x) ~ 1 / (n d_1(x)^D), so the ratio p_syn / p_ref is a monotone function of d_ref / d_syn
    /// and the score is log(d_ref + e) - log(d_syn + e) (the size factors are constant and do not
    /// change the ranking). k = 1 because a generator that memorises typically leaves one synthetic
    /// row near each training row, which a larger k would average away; e = 1e-6 is the float32
    /// resolution of the distances and keeps exact matches finite. The reference rows must not be
    /// among the scored rows, else their own zero distance would inflate the denominator.
    /// </summary>
    public static (double[] Members, double[] NonMembers) Density(TabularData synthetic, TabularData reference, TabularData members, TabularData nonMembers, GowerDistance distance)
    {
        const double resolution = 1e-6;
        double[] Scores(TabularData rows)
        {
            var toSynthetic = NearestNeighbours.Find(rows, synthetic, distance).NearestDistance;
            var toReference = NearestNeighbours.Find(rows, reference, distance).NearestDistance;
            return toSynthetic.Select((dSyn, i) => Math.Log(toReference[i] + resolution) - Math.Log(dSyn + resolution)).ToArray();
        }
        return (Scores(members), Scores(nonMembers));
    }
}
