using SynthData.Core.Model;
using static TorchSharp.torch;

namespace SynthData.Core.Privacy.DpSgd;

/// <summary>
/// The textbook reference: one backward pass per row, each row's full gradient flattened, its norm
/// taken, clipped, and summed. Slow (B backward passes); it exists to check <see cref="GhostClipper"/>
/// and for the benchmark's comparison.
/// </summary>
public sealed class NaiveClipper(IReadOnlyList<LinearLayer> layers) : IPerSampleClipper
{
    /// <summary>Clipped sum of the batch's gradients, one backward pass per row (the reference result).</summary>
    public ClippedGradient ClippedSum(Func<Tensor> forward, double maxNorm)
    {
        var parameters = layers.SelectMany(l => l.Parameters).ToArray();
        var rowLosses = forward();
        var sum = parameters.Select(p => zeros_like(p)).ToArray();
        long rows = rowLosses.shape[0];
        var norms = new double[rows];
        for (long i = 0; i < rows; i++)
        {
            var gradients = autograd.grad([rowLosses[i]], parameters, retain_graph: true, allow_unused: true);
            using var _ = no_grad();
            double squared = gradients.Where(g => g is not null && !g.IsInvalid).Sum(g => g.square().sum().to_type(ScalarType.Float64).item<double>());
            norms[i] = Math.Sqrt(squared);
            double factor = Math.Min(1.0, maxNorm / (norms[i] + IPerSampleClipper.Stabiliser));
            for (int p = 0; p < parameters.Length; p++)
                if (gradients[p] is { IsInvalid: false } g) sum[p].add_(g * factor);
        }
        return new ClippedGradient(sum, tensor(norms));
    }
}
