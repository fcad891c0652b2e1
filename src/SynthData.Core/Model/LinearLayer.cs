using static TorchSharp.torch;

namespace SynthData.Core.Model;

/// <summary>
/// An affine layer z = a W^T + b with its parameters as plain tensors. Every parameter of the VAE
/// lives in one of these, which is what lets ghost clipping compute each row's gradient norm over
/// all parameters from the layers' inputs and output gradients alone. A <see cref="LayerTrace"/> may
/// observe its calls (a forward hook), so the model needs no knowledge of how it is clipped.
/// </summary>
public sealed class LinearLayer : IDisposable
{
    /// <summary>The weight matrix W, [OutputSize, InputSize].</summary>
    public Tensor Weight { get; }
    /// <summary>The bias vector b, [OutputSize], or null for a layer without bias.</summary>
    public Tensor? Bias { get; }
    LayerTrace? _trace;
    /// <summary>Width of the input rows.</summary>
    public int InputSize { get; }
    /// <summary>Width of the output rows.</summary>
    public int OutputSize { get; }

    /// <summary>Uniform(-1/sqrt(in), 1/sqrt(in)) initialisation (PyTorch's default for Linear), from the generator.</summary>
    public LinearLayer(int inputSize, int outputSize, bool bias, Generator generator, ScalarType dtype)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        double bound = 1.0 / Math.Sqrt(inputSize);
        Weight = Uniform([outputSize, inputSize], bound, generator, dtype);
        Bias = bias ? Uniform([outputSize], bound, generator, dtype) : null;
    }

    LinearLayer(Tensor weight, Tensor? bias)
    {
        Weight = weight;
        Bias = bias;
        OutputSize = (int)weight.shape[0];
        InputSize = (int)weight.shape[1];
    }

    static Tensor Uniform(long[] shape, double bound, Generator generator, ScalarType dtype)
    {
        using var u = rand(shape, dtype: dtype, generator: generator);
        return (u * (2 * bound) - bound).requires_grad_(true);
    }

    /// <summary>The trainable tensors: the weight, then the bias when there is one.</summary>
    public IEnumerable<Tensor> Parameters => Bias is null ? [Weight] : [Weight, Bias];

    /// <summary>Number of scalar parameters (weights plus biases).</summary>
    public long ParameterCount => Weight.numel() + (Bias?.numel() ?? 0);

    /// <summary>Computes input W^T + b, and records the call when a trace is attached.</summary>
    public Tensor Forward(Tensor input)
    {
        var output = nn.functional.linear(input, Weight, Bias);
        _trace?.Add(this, input, output);
        return output;
    }

    internal void Attach(LayerTrace trace)
    {
        if (_trace is not null) throw new InvalidOperationException("The layer is already traced.");
        _trace = trace;
    }

    internal void Detach(LayerTrace trace)
    {
        if (ReferenceEquals(_trace, trace)) _trace = null;
    }

    /// <summary>Frees the weight and bias tensors.</summary>
    public void Dispose()
    {
        Weight.Dispose();
        Bias?.Dispose();
    }
}
