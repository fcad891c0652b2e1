using SynthData.Core.Privacy.Randomness;
using static TorchSharp.torch;

namespace SynthData.Core.Model.Training;

/// <summary>
/// The reparameterisation draws of training (z = mu + sigma * e), from the run's stream: they enter
/// each row's gradient, so a private run takes them from the secret generator, not from a seed.
/// </summary>
public sealed class LatentDraws(IRandomBits bits, int latentDim)
{
    double[] _buffer = [];

    /// <summary>A [rows, latentDim] float32 tensor of standard normals.</summary>
    public Tensor Next(int rows)
    {
        int count = rows * latentDim;
        if (_buffer.Length < count) _buffer = new double[count];
        var draws = _buffer.AsSpan(0, count);
        GaussianDraws.FillStandardNormal(bits, draws);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)draws[i];
        return tensor(values, [rows, latentDim]);
    }
}
