using SynthData.Core.Model;
using static TorchSharp.torch;

namespace SynthData.Core.Privacy.DpSgd;

/// <summary>The sum over a batch of per-row gradients, each clipped to norm C; one tensor per parameter, in the model's parameter order.</summary>
/// <param name="RowNorms">Each row's unclipped gradient norm over all parameters, shape [B].</param>
/// <param name="Sum">The clipped per-row gradients summed over the batch, one tensor per parameter.</param>
public sealed record ClippedGradient(IReadOnlyList<Tensor> Sum, Tensor RowNorms)
{
    /// <summary>Zero gradients for an empty batch (a Poisson batch may be empty; the noise is still added).</summary>
    public static ClippedGradient Zero(IEnumerable<LinearLayer> layers) =>
        new(layers.SelectMany(l => l.Parameters).Select(p => zeros_like(p)).ToArray(), zeros(0));
}
