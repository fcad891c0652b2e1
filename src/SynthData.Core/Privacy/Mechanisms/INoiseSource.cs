using SynthData.Core.Privacy.Randomness;

namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>
/// Where DP noise comes from: float64 standard normals with the Gaussian's tails (see <see cref="GaussianDraws"/>).
/// Cryptographic in every private run; seeded only in reproducible (NOT PRIVATE) runs and tests.
/// </summary>
public interface INoiseSource
{
    /// <summary>Fills the span with independent N(0, 1) draws.</summary>
    void FillStandardNormal(Span<double> destination);

    /// <summary>True when the draws come from a cryptographic generator.</summary>
    bool IsCryptographic { get; }
}

/// <summary>Standard normals from a word stream.</summary>
public class GaussianNoiseSource(IRandomBits bits) : INoiseSource
{
    /// <inheritdoc/>
    public bool IsCryptographic => bits.IsCryptographic;

    /// <inheritdoc/>
    public void FillStandardNormal(Span<double> destination) => GaussianDraws.FillStandardNormal(bits, destination);
}

/// <summary>Replayable standard normals for tests and the labelled reproducible mode.</summary>
public sealed class SeededNoiseSource(int seed) : GaussianNoiseSource(new SeededBits(seed));

/// <summary>Standard normals from the operating system's cryptographic generator.</summary>
public sealed class CryptographicNoiseSource() : GaussianNoiseSource(new CryptographicBits());
