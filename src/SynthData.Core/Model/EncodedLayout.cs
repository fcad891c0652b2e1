namespace SynthData.Core.Model;

/// <summary>How a block of the encoded row vector is modelled.</summary>
public enum BlockKind
{
    /// <summary>One real value (a quantile-normalised number); Gaussian likelihood with a learned scale.</summary>
    Gaussian,
    /// <summary>A one-hot group of Width entries; softmax likelihood.</summary>
    Categorical,
}

/// <summary>A contiguous slice [Offset, Offset + Width) of the encoded row vector.</summary>
/// <param name="Source">The schema column this block encodes (for a missingness indicator, the column it indicates).</param>
/// <param name="Kind">How the block is modelled.</param>
/// <param name="Offset">Index of the block's first entry in the row vector.</param>
/// <param name="Width">Number of entries: 1 for a Gaussian block, the category count for a categorical one.</param>
public sealed record EncodedBlock(string Source, BlockKind Kind, int Offset, int Width);

/// <summary>The encoded row vector's layout, shared by the transformer and the model heads.</summary>
/// <param name="Blocks">The blocks in row-vector order.</param>
public sealed record EncodedLayout(IReadOnlyList<EncodedBlock> Blocks)
{
    /// <summary>Length of the encoded row vector: the end of the last block.</summary>
    public int Width => Blocks.Count == 0 ? 0 : Blocks.Max(b => b.Offset + b.Width);
}
