using TorchSharp;
using static TorchSharp.torch;

namespace SynthData.Core.Model.Training;

/// <summary>
/// Adam (Kingma and Ba) applied to gradients we hand it. Under DP-SGD it only post-processes the noisy
/// gradient, so it costs no privacy. Written here rather than borrowed from TorchSharp's optimiser so the
/// gradient it uses is visibly the noisy one, not whatever autograd left in .grad.
/// </summary>
public sealed class AdamOptimizer(IReadOnlyList<Tensor> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IDisposable
{
    readonly Tensor[] _first = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    readonly Tensor[] _second = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    long _step;

    /// <summary>One Adam update of every parameter from <paramref name="gradients"/> (one per parameter, in the same order).</summary>
    public void Step(IReadOnlyList<Tensor> gradients)
    {
        if (gradients.Count != parameters.Count) throw new ArgumentException("One gradient per parameter is needed.");
        _step++;
        double correction1 = 1 - Math.Pow(beta1, _step), correction2 = 1 - Math.Pow(beta2, _step);
        double stepSize = learningRate / correction1;
        using var _ = no_grad();
        // Explicit Scalars held to the end of the step: an implicit double-to-Scalar conversion leaves the Scalar to the
        // finalizer, which under load freed one while libtorch still read it ("Expected false to be true", Scalar.h toFloat).
        using Scalar b1 = beta1.ToScalar(), oneMinusB1 = (1 - beta1).ToScalar(), b2 = beta2.ToScalar(), oneMinusB2 = (1 - beta2).ToScalar(),
            c2 = correction2.ToScalar(), eps = epsilon.ToScalar(), size = stepSize.ToScalar();
        for (int i = 0; i < parameters.Count; i++)
        {
            _first[i].mul_(b1).add_(gradients[i], alpha: oneMinusB1);
            _second[i].mul_(b2).addcmul_(gradients[i], gradients[i], value: oneMinusB2);
            using var denominator = _second[i].div(c2).sqrt_().add_(eps);
            using var update = _first[i].div(denominator).mul_(size);
            parameters[i].sub_(update);
        }
    }

    /// <summary>Frees the moment estimates.</summary>
    public void Dispose()
    {
        foreach (var t in _first.Concat(_second)) t.Dispose();
    }
}
