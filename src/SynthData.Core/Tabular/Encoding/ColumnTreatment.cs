namespace SynthData.Core.Tabular.Encoding;

/// <summary>How a modelled column's encoding parameters are obtained, and so whether it costs privacy.</summary>
public enum ColumnTreatment
{
    /// <summary>Declared category list: free.</summary>
    DeclaredCategories,
    /// <summary>Labels found by a thresholded DP histogram.</summary>
    DpCategories,
    /// <summary>Declared Min and Max, linear CDF between them: free.</summary>
    DeclaredBounds,
    /// <summary>Declared Min and Max, DP quantile knots on a uniform grid between them.</summary>
    DpQuantilesWithinDeclaredBounds,
    /// <summary>No declared bounds: DP quantile knots on the public log grid; bounds are DP quantiles.</summary>
    DpQuantiles,
}
