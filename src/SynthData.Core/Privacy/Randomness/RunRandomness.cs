using System.Security.Cryptography;
using SynthData.Core.Privacy.Mechanisms;

namespace SynthData.Core.Privacy.Randomness;

/// <summary>
/// Where a run's private random choices come from: DP noise (preprocessing and DP-SGD), Poisson batch
/// selection, the holdout split's key, the dequantisation and latent draws of training, canary coins.
/// <see cref="Secure"/> (the default everywhere, the only mode of the server) draws every stream fresh
/// from the operating system's cryptographic generator and keeps nothing: no seed exists that could
/// replay the run. <see cref="Reproducible"/> derives every stream from a seed for tests and benchmarks;
/// anyone who knows the seed can replay training, so such a model is labelled NOT PRIVATE and no policy
/// releases it.
/// </summary>
public sealed class RunRandomness
{
    readonly int? _seed;

    RunRandomness(int? seed) => _seed = seed;

    /// <summary>Every stream fresh from the cryptographic generator; nothing is kept.</summary>
    public static RunRandomness Secure() => new(null);

    /// <summary>Every stream derived from <paramref name="seed"/>: replayable, NOT PRIVATE.</summary>
    public static RunRandomness Reproducible(int seed) => new(seed);

    /// <summary>Secure or reproducible by <paramref name="mode"/>; <paramref name="seed"/> is used only when reproducible.</summary>
    public static RunRandomness For(RandomnessMode mode, int seed) =>
        mode == RandomnessMode.Secure ? Secure() : Reproducible(seed);

    /// <summary>Which of the two modes this is.</summary>
    public RandomnessMode Mode => _seed is null ? RandomnessMode.Secure : RandomnessMode.ReproducibleInsecure;

    /// <summary>True for the secure mode (no seed exists).</summary>
    public bool IsSecure => _seed is null;

    /// <summary>A word stream for one purpose; purposes of one reproducible run never share a stream.</summary>
    public IRandomBits Bits(string purpose) =>
        _seed is int seed ? new SeededBits(DerivedSeed.For(seed, purpose)) : new CryptographicBits();

    /// <summary>The same stream behind <see cref="Random"/>'s API.</summary>
    public Random Random(string purpose) => new BitsRandom(Bits(purpose));

    /// <summary>Gaussian noise for a DP mechanism.</summary>
    public INoiseSource Noise(string purpose) => new GaussianNoiseSource(Bits(purpose));

    /// <summary>A 256-bit key (the split's), fresh and secret in secure runs.</summary>
    public byte[] Key(string purpose)
    {
        if (_seed is not int seed) return RandomNumberGenerator.GetBytes(32);
        return SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}:{purpose}:key"));
    }
}

/// <summary>How a run's private random choices are made. Written to the artifact, the footer and the card.</summary>
public enum RandomnessMode
{
    /// <summary>Fresh from the cryptographic generator, never stored: the guarantee holds.</summary>
    Secure,

    /// <summary>Derived from a seed for tests and benchmarks: replayable, NOT PRIVATE, never released.</summary>
    ReproducibleInsecure,
}
