using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace SynthData.Core.Model;

/// <summary>A <see cref="TabularVae"/>'s weights as bytes: each parameter in layer order, a count then float32 values.</summary>
public static class VaeWeights
{
    /// <summary>All parameters as float32, in layer order (the layout fixes their shapes).</summary>
    public static byte[] Save(TabularVae model)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        foreach (var parameter in model.Parameters)
        {
            using var values = parameter.detach().to_type(ScalarType.Float32).contiguous();
            var floats = values.data<float>().ToArray();
            writer.Write(floats.Length);
            writer.Write(MemoryMarshal.AsBytes(floats.AsSpan()));
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Builds a model for the layout and options and fills it with saved weights (as <see cref="Save"/> wrote them).</summary>
    public static TabularVae Load(EncodedLayout layout, VaeOptions options, byte[] weights)
    {
        var model = new TabularVae(layout, options, seed: 0);
        using var reader = new BinaryReader(new MemoryStream(weights));
        using (no_grad())
            foreach (var parameter in model.Parameters)
            {
                int count = reader.ReadInt32();
                if (count != parameter.numel())
                    throw new InvalidDataException($"The weights do not fit the model: a parameter has {count} values, expected {parameter.numel()}.");
                var floats = MemoryMarshal.Cast<byte, float>(reader.ReadBytes(count * sizeof(float))).ToArray();
                using var source = tensor(floats, parameter.shape);
                parameter.copy_(source);
            }
        if (reader.BaseStream.Position != weights.Length) throw new InvalidDataException("The weights file has trailing bytes.");
        return model;
    }
}
