using SynthData.Core.Model;
using static TorchSharp.torch;

namespace SynthData.Core.Privacy.DpSgd;

/// <summary>How DP-SGD bounds each row's contribution: the strategies give the same clipped sum.</summary>
public enum ClippingStrategy
{
    /// <summary>Norms from the layers' inputs and output gradients, one backward pass (<see cref="GhostClipper"/>).</summary>
    Ghost,
    /// <summary>One backward pass per row (<see cref="NaiveClipper"/>): the reference, for tests and benchmarks.</summary>
    Naive,
}

/// <summary>
/// Clips every row's whole gradient over the given layers' parameters to a norm and sums the batch.
/// The clipper runs the forward pass itself (<c>rowLosses</c>), so a strategy that observes the layers
/// can do so without the model knowing.
/// </summary>
public interface IPerSampleClipper
{
    /// <summary>Runs the forward pass, clips each row's gradient to <paramref name="maxNorm"/> and sums the batch.</summary>
    /// <param name="rowLosses">Runs the forward pass and returns each row's loss, shape [B].</param>
    /// <param name="maxNorm">C: each row's gradient norm over all parameters is clipped to it.</param>
    ClippedGradient ClippedSum(Func<Tensor> rowLosses, double maxNorm);

    /// <summary>Added to a norm before dividing by it, so that a zero gradient stays zero.</summary>
    const double Stabiliser = 1e-6;

    /// <summary>The clipper for <paramref name="strategy"/>, over the model's <paramref name="layers"/>.</summary>
    static IPerSampleClipper For(ClippingStrategy strategy, IReadOnlyList<LinearLayer> layers) => strategy switch
    {
        ClippingStrategy.Ghost => new GhostClipper(layers),
        ClippingStrategy.Naive => new NaiveClipper(layers),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown clipping strategy."),
    };
}
