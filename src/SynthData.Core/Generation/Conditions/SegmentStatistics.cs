namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// How a conditional generation went: latent draws, resampling blocks and their effective sample sizes (Kish's
/// (sum w)^2 / sum w^2). A block is a batch of latent draws resampled together; its ESS says how many of them
/// really carry the segment. Updated while generating; read it after the run.
/// </summary>
public sealed class SegmentStatistics
{
    /// <summary>A block whose ESS stays below this at the largest block size is refused (<see cref="SegmentTooRareException"/>).</summary>
    public const double EffectiveSampleSizeThreshold = SegmentSampler.MinEffectiveSampleSize;

    /// <summary>Latent draws made so far.</summary>
    public long Draws { get; private set; }
    /// <summary>Rows emitted so far.</summary>
    public long Rows { get; private set; }
    /// <summary>Resampling blocks drawn so far.</summary>
    public int Blocks { get; private set; }
    /// <summary>The lowest ESS of any block (+infinity before the first).</summary>
    public double MinEffectiveSampleSize { get; private set; } = double.PositiveInfinity;
    /// <summary>Sum of the blocks' ESS.</summary>
    public double TotalEffectiveSampleSize { get; private set; }
    /// <summary>The largest block drawn (the adaptive block size grows when the ESS is low).</summary>
    public int MaxDrawsPerBlock { get; private set; }

    /// <summary>Mean ESS per block; 0 before the first.</summary>
    public double MeanEffectiveSampleSize => Blocks == 0 ? 0 : TotalEffectiveSampleSize / Blocks;
    /// <summary>Latent draws per emitted row: the cost of the segment's rarity.</summary>
    public double DrawsPerRow => Rows == 0 ? 0 : (double)Draws / Rows;

    internal void AddBlock(int draws, double ess)
    {
        Draws += draws;
        Blocks++;
        TotalEffectiveSampleSize += ess;
        MinEffectiveSampleSize = Math.Min(MinEffectiveSampleSize, ess);
        MaxDrawsPerBlock = Math.Max(MaxDrawsPerBlock, draws);
    }

    internal void AddRows(int rows) => Rows += rows;
}
