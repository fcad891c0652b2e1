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
public sealed record EncodedBlock(string Source, BlockKind Kind, int Offset, int Width);

/// <summary>The encoded row vector's layout, shared by the transformer and the model heads.</summary>
public sealed record EncodedLayout(IReadOnlyList<EncodedBlock> Blocks)
{
    public int Width => Blocks.Count == 0 ? 0 : Blocks.Max(b => b.Offset + b.Width);
}
