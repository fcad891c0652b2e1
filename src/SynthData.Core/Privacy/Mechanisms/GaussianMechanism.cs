namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// Adds independent N(0, (NoiseMultiplier * L2Sensitivity)^2) noise to every coordinate of a
/// vector whose L2 sensitivity (under adding or removing one row) is at most L2Sensitivity.
/// The recorded event is sensitivity-normalised: <see cref="GaussianEvent"/>(NoiseMultiplier).
/// </summary>
public sealed class GaussianMechanism
{
    /// <summary>sigma: the noise's standard deviation in units of the sensitivity.</summary>
    public double NoiseMultiplier { get; }
    /// <summary>The bound on how far one row can move the vector in L2 norm.</summary>
    public double L2Sensitivity { get; }

    /// <summary>Validates both figures: each must be positive and finite.</summary>
    public GaussianMechanism(double noiseMultiplier, double l2Sensitivity)
    {
        if (!(noiseMultiplier > 0) || double.IsInfinity(noiseMultiplier))
            throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), "The noise multiplier must be positive and finite.");
        if (!(l2Sensitivity > 0) || double.IsInfinity(l2Sensitivity))
            throw new ArgumentOutOfRangeException(nameof(l2Sensitivity), "The L2 sensitivity must be positive and finite.");
        NoiseMultiplier = noiseMultiplier;
        L2Sensitivity = l2Sensitivity;
    }

    /// <summary>The standard deviation of the noise added to each coordinate.</summary>
    public double NoiseStandardDeviation => NoiseMultiplier * L2Sensitivity;

    /// <summary>The privacy event of one release by this mechanism.</summary>
    public GaussianEvent Event => new(NoiseMultiplier);

    /// <summary>Releases values + noise; the input is not modified.</summary>
    /// <param name="name">Ledger name, e.g. "quantiles:age" (schema names only, never cell values).</param>
    /// <param name="values">The exact statistic.</param>
    /// <param name="noise">The run's noise source (cryptographic in a private run).</param>
    /// <param name="description">Plain-words account of the released statistic.</param>
    public MechanismOutput<double[]> Release(ReadOnlySpan<double> values, INoiseSource noise, string name, string description)
    {
        var released = new double[values.Length];
        noise.FillStandardNormal(released);
        double scale = NoiseStandardDeviation;
        for (int i = 0; i < released.Length; i++)
            released[i] = values[i] + scale * released[i];
        var record = new MechanismRecord(name,
            $"{description} Gaussian noise, multiplier {NoiseMultiplier:R}, L2 sensitivity {L2Sensitivity:R}.", Event);
        return new MechanismOutput<double[]>(released, record);
    }
}
