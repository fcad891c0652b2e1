namespace SynthData.Core.Audits.MembershipInference;

/// <summary>Seeded row subsampling so member and non-member groups have equal size (AUC and TPR at FPR need no reweighting then).</summary>
public static class BalancedSample
{
    /// <summary>count row indices drawn without replacement from 0..rows-1, sorted (a seeded partial Fisher-Yates shuffle).</summary>
    public static int[] Draw(int rows, int count, Random random)
    {
        if (count > rows) throw new ArgumentOutOfRangeException(nameof(count), $"Cannot draw {count} of {rows} rows.");
        var indices = Enumerable.Range(0, rows).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, rows);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var chosen = indices[..count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>Equal-size index sets: the larger group is subsampled to the smaller's size.</summary>
    public static (int[] Members, int[] NonMembers) Balance(int members, int nonMembers, Random random)
    {
        int size = Math.Min(members, nonMembers);
        return (Draw(members, size, random), Draw(nonMembers, size, random));
    }
}
