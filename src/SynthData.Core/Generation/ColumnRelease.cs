namespace SynthData.Core.Generation;

/// <summary>What a release does with a column that is never modelled (an identifier or PII).</summary>
public enum ColumnRelease
{
    /// <summary>Fill it with synthetic values of the same kind (made from a seed and public word lists).</summary>
    Replace,
    /// <summary>Leave it out of the synthetic table.</summary>
    Drop,
}
