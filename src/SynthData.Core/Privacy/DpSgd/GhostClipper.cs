using SynthData.Core.Model;
using static TorchSharp.torch;

namespace SynthData.Core.Privacy.DpSgd;

/// <summary>
/// Per-row clipping of the whole gradient without materialising per-row gradients. For a linear layer
/// applied to row i's input a_i with output gradient g_i, the row's weight gradient is the outer product
/// g_i a_i^T, whose Frobenius norm is |g_i| |a_i|, and its bias gradient is g_i. So one backward pass to
/// the layer outputs gives every row's norm over all parameters, and the clipped sum of weight gradients
/// is a single product (c ∘ G)^T A per layer, which replaces the weight-gradient product a normal
/// backward pass would do. The backward stops at the layer outputs: parameter gradients are never
/// accumulated, which is why the cost stays close to non-private training.
/// </summary>
public sealed class GhostClipper(IReadOnlyList<LinearLayer> layers) : IPerSampleClipper
{
    /// <summary>Clipped sum of the batch's gradients, each row's norm computed from layer inputs and output gradients in one backward pass.</summary>
    public ClippedGradient ClippedSum(Func<Tensor> rowLosses, double maxNorm)
    {
        using var trace = LayerTrace.Record(layers);
        return ClippedSum(trace.Calls, rowLosses(), maxNorm);
    }

    ClippedGradient ClippedSum(IReadOnlyList<LayerCall> calls, Tensor rowLosses, double maxNorm)
    {
        if (calls.Select(c => c.Layer).Distinct().Count() != calls.Count)
            throw new InvalidOperationException("Ghost clipping needs each layer applied once per forward pass.");
        var outputGradients = autograd.grad([rowLosses.sum()], calls.Select(c => c.Output).ToArray());

        using var _ = no_grad();
        var squaredNorms = zeros(rowLosses.shape[0], dtype: rowLosses.dtype);
        var inputs = new Tensor[calls.Count];
        for (int i = 0; i < calls.Count; i++)
        {
            inputs[i] = calls[i].Input.detach();
            var gradientSquares = outputGradients[i].square().sum(1);
            var inputSquares = inputs[i].square().sum(1);
            squaredNorms += gradientSquares * (calls[i].Layer.Bias is null ? inputSquares : inputSquares + 1);
        }
        var norms = squaredNorms.sqrt();
        var factors = (maxNorm / (norms + IPerSampleClipper.Stabiliser)).clamp_max(1.0).unsqueeze(1);

        var byLayer = new Dictionary<LinearLayer, (Tensor Weight, Tensor? Bias)>();
        for (int i = 0; i < calls.Count; i++)
        {
            var scaled = outputGradients[i] * factors;
            byLayer[calls[i].Layer] = (scaled.t().matmul(inputs[i]), calls[i].Layer.Bias is null ? null : scaled.sum(dim: 0));
        }
        var sum = new List<Tensor>();
        foreach (var layer in layers)
        {
            // A layer the loss did not use (e.g. log-scales of a table without numbers) has zero gradient.
            var (weight, bias) = byLayer.TryGetValue(layer, out var found) ? found : (zeros_like(layer.Weight), layer.Bias is null ? null : zeros_like(layer.Bias));
            sum.Add(weight);
            if (layer.Bias is not null) sum.Add(bias!);
        }
        return new ClippedGradient(sum, norms);
    }
}
