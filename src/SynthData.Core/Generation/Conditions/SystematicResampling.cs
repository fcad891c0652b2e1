namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// Systematic resampling: k indices drawn in proportion to the weights with one uniform offset and k evenly spaced
/// pointers, the lowest-variance unbiased scheme (each index appears floor or ceil of k w_i / sum w times).
/// </summary>
public static class SystematicResampling
{
    /// <summary>Writes k indices (ascending) into <paramref name="indices"/>; the weights must have a positive sum.</summary>
    public static void Select(ReadOnlySpan<double> weights, int k, double u, Span<int> indices)
    {
        double total = 0;
        foreach (double w in weights) total += w;
        if (!(total > 0)) throw new ArgumentException("The weights have no positive mass.", nameof(weights));
        double step = total / k, pointer = u * step, cumulative = 0;
        int i = 0, last = weights.Length - 1;
        for (int j = 0; j < k; j++, pointer += step)
        {
            while (i < last && cumulative + weights[i] <= pointer) cumulative += weights[i++];
            int chosen = i;
            while (chosen > 0 && !(weights[chosen] > 0)) chosen--; // rounding ran past the last positive weight
            indices[j] = chosen;
        }
    }

    /// <summary>Kish's effective sample size of importance weights: (sum w)^2 / sum w^2.</summary>
    public static double EffectiveSampleSize(ReadOnlySpan<double> weights)
    {
        double sum = 0, squares = 0;
        foreach (double w in weights)
        {
            sum += w;
            squares += w * w;
        }
        return squares > 0 ? sum * sum / squares : 0;
    }
}
