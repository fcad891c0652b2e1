using static TorchSharp.torch;

namespace SynthData.Core.Model;

/// <summary>One application of a layer in a forward pass: its input activations and its output (kept in the graph).</summary>
/// <param name="Layer">The layer that was applied.</param>
/// <param name="Input">The layer's input activations, one row per example.</param>
/// <param name="Output">The layer's output, whose gradient ghost clipping needs.</param>
public sealed record LayerCall(LinearLayer Layer, Tensor Input, Tensor Output);

/// <summary>
/// Records every call of the given layers while it is open, as a forward hook would: the model runs
/// its forward pass unchanged and never learns it was observed. Disposing detaches it.
/// </summary>
public sealed class LayerTrace : IDisposable
{
    readonly List<LayerCall> _calls = [];
    readonly LinearLayer[] _layers;

    LayerTrace(IEnumerable<LinearLayer> layers) => _layers = layers.ToArray();

    /// <summary>The recorded calls, in the order they happened.</summary>
    public IReadOnlyList<LayerCall> Calls => _calls;

    /// <summary>Starts recording the calls of <paramref name="layers"/>; a layer is observed by one trace at a time.</summary>
    public static LayerTrace Record(IEnumerable<LinearLayer> layers)
    {
        var trace = new LayerTrace(layers);
        int attached = 0;
        try
        {
            foreach (var layer in trace._layers) { layer.Attach(trace); attached++; }
        }
        catch
        {
            foreach (var layer in trace._layers.Take(attached)) layer.Detach(trace);
            throw;
        }
        return trace;
    }

    internal void Add(LinearLayer layer, Tensor input, Tensor output) => _calls.Add(new LayerCall(layer, input, output));

    /// <summary>Stops recording: detaches the trace from its layers.</summary>
    public void Dispose()
    {
        foreach (var layer in _layers) layer.Detach(this);
    }
}
