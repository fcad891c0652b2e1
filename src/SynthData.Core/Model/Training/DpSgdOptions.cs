using SynthData.Core.Privacy.DpSgd;

namespace SynthData.Core.Model.Training;

/// <summary>The parameters of one DP-SGD run (all public: they go into the artifact).</summary>
public sealed record DpSgdOptions
{
    /// <summary>Poisson sampling rate q.</summary>
    public required double SamplingRate { get; init; }
    /// <summary>T: the number of optimiser steps.</summary>
    public required long Steps { get; init; }
    /// <summary>sigma: the noise's standard deviation is sigma times the clipping norm (ignored without privacy).</summary>
    public double NoiseMultiplier { get; init; }
    /// <summary>C: each row's whole gradient is clipped to this L2 norm.</summary>
    public double MaxGradNorm { get; init; } = 1.0;
    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>False: the same model and Poisson batches, the mean loss, no clipping or noise (a baseline).</summary>
    public bool Private { get; init; } = true;
    /// <summary>How each row's gradient is clipped; the naive reference is for benchmarks only (same result, slower).</summary>
    public ClippingStrategy Clipping { get; init; } = ClippingStrategy.Ghost;
}
