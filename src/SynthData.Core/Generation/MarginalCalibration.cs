namespace SynthData.Core.Generation;

/// <summary>
/// Whether generation recalibrates numeric columns to the DP quantiles the run released (see <see cref="QuantileCalibration"/>).
/// Off by default: measured with `synthdata bench quality --calibration both` it lowered shape and TSTR slightly on the bank
/// sample (epsilon 3: shape 0.959 to 0.956, TSTR 0.662 to 0.655) and german-credit (epsilon 1: 0.746 to 0.739, 0.569 to
/// 0.524; epsilon 3: 0.896 to 0.889, 0.452 to 0.421): at these sizes the released quantiles are no closer to the real
/// columns than the generator's own marginals, so forcing them costs a little.
/// </summary>
public enum MarginalCalibration
{
    /// <summary>The model's own scores are decoded as they are (the default).</summary>
    None,
    /// <summary>Decoded numeric columns follow the released DP quantiles.</summary>
    DpQuantiles,
}
