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

/// <summary>Questions about a <see cref="ColumnTreatment"/> asked in more than one place.</summary>
public static class ColumnTreatments
{
    /// <summary>Whether the column's quantile knots are a DP release (not declared bounds).</summary>
    public static bool ReleasesDpQuantiles(this ColumnTreatment treatment) =>
        treatment is ColumnTreatment.DpQuantiles or ColumnTreatment.DpQuantilesWithinDeclaredBounds;
}
