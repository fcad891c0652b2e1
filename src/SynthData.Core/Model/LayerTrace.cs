using static TorchSharp.torch;

namespace SynthData.Core.Model;

/// <summary>One application of a layer in a forward pass: its input activations and its output (kept in the graph).</summary>
public sealed record LayerCall(LinearLayer Layer, Tensor Input, Tensor Output);

/// <summary>Records every layer call of a forward pass, for ghost clipping.</summary>
public sealed class LayerTrace
{
    readonly List<LayerCall> _calls = [];
    public IReadOnlyList<LayerCall> Calls => _calls;

    public Tensor Apply(LinearLayer layer, Tensor input)
    {
        var output = layer.Forward(input);
        _calls.Add(new LayerCall(layer, input, output));
        return output;
    }
}
