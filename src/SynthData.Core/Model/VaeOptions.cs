namespace SynthData.Core.Model;

/// <summary>Sizes of the tabular VAE; defaults in the spirit of TVAE (hidden 128-128, latent 128).</summary>
public sealed record VaeOptions
{
    public IReadOnlyList<int> EncoderHidden { get; init; } = [128, 128];
    public IReadOnlyList<int> DecoderHidden { get; init; } = [128, 128];
    public int LatentDim { get; init; } = 128;

    /// <summary>Bounds on each Gaussian block's learned log-scale, so the likelihood (and each row's gradient) stays bounded.</summary>
    public double MinLogScale { get; init; } = -4.0;
    public double MaxLogScale { get; init; } = 2.0;
}
