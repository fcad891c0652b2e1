namespace SynthData.Core.Model;

/// <summary>
/// Sizes of the tabular VAE: hidden 128-128 as TVAE, but a latent of 16 rather than 128. DP-SGD's noise
/// grows with the parameter count, and on bank-full at epsilon 3 the smaller latent scored better
/// (figures in the issue 3 closing note).
/// </summary>
public sealed record VaeOptions
{
    /// <summary>Widths of the encoder's hidden layers.</summary>
    public IReadOnlyList<int> EncoderHidden { get; init; } = [128, 128];
    /// <summary>Widths of the decoder's hidden layers.</summary>
    public IReadOnlyList<int> DecoderHidden { get; init; } = [128, 128];
    /// <summary>Size of the Gaussian latent.</summary>
    public int LatentDim { get; init; } = 16;

    /// <summary>
    /// Weight of the KL term in the loss (1: the evidence lower bound). Below 1 the latent bottleneck
    /// loosens and the decoder can fit individual rows: the audit tests use it to build a deliberately
    /// leaky model. The white-box audit scores rows with the model's own weighted objective.
    /// </summary>
    public double KlWeight { get; init; } = 1.0;

    /// <summary>Bounds on each Gaussian block's learned log-scale, so the likelihood (and each row's gradient) stays bounded.</summary>
    public double MinLogScale { get; init; } = -4.0;
    /// <summary>Upper bound on each Gaussian block's learned log-scale (see <see cref="MinLogScale"/>).</summary>
    public double MaxLogScale { get; init; } = 2.0;
}
