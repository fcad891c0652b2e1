using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SynthData.Core.Model;

/// <summary>
/// A tabular variational autoencoder: an MLP encoder to a Gaussian latent, an MLP decoder to one head
/// per encoded block (a mean with a learned per-block log-scale for Gaussian blocks, logits for
/// categorical ones). Nothing mixes the rows of a batch (no batch norm), so each row's loss depends on
/// that row alone, as DP-SGD's per-row clipping requires. The learned log-scales are a bias-free
/// linear layer applied to a constant 1, so that every parameter lives in a <see cref="LinearLayer"/>
/// (what per-sample clippers observe through <see cref="Layers"/>).
/// </summary>
public sealed class TabularVae : IDisposable
{
    readonly LinearLayer[] _encoder;
    readonly LinearLayer _latent;      // outputs [mu, logvar]
    readonly LinearLayer[] _decoder;
    readonly LinearLayer _head;        // outputs every block's means / logits
    readonly LinearLayer _logScale;    // Linear(1, G) without bias, applied to ones
    readonly Tensor _gaussianColumns;  // long[G]: positions of Gaussian blocks
    readonly (int Offset, int Width)[] _categorical;
    readonly ScalarType _dtype;

    /// <summary>The encoded row layout the heads are built for.</summary>
    public EncodedLayout Layout { get; }
    /// <summary>The network sizes and loss settings.</summary>
    public VaeOptions Options { get; }
    /// <summary>Length of an encoded row (the layout's width).</summary>
    public int Width { get; }
    /// <summary>Every layer, holding every parameter: what per-sample clippers trace.</summary>
    public IReadOnlyList<LinearLayer> Layers { get; }
    /// <summary>Number of scalar parameters over all layers.</summary>
    public long ParameterCount => Layers.Sum(l => l.ParameterCount);
    /// <summary>Every trainable tensor, in a fixed order (the order the weights are saved in).</summary>
    public IEnumerable<Tensor> Parameters => Layers.SelectMany(l => l.Parameters);

    /// <summary>A freshly initialised model in float32, its initial weights drawn from <paramref name="seed"/>.</summary>
    public TabularVae(EncodedLayout layout, VaeOptions options, long seed) : this(layout, options, seed, ScalarType.Float32)
    {
    }

    /// <summary>Float64 models exist for the exactness tests of the clipping code.</summary>
    public TabularVae(EncodedLayout layout, VaeOptions options, long seed, ScalarType dtype)
    {
        Layout = layout;
        Options = options;
        Width = layout.Width;
        _dtype = dtype;
        if (Width == 0) throw new InvalidInputException("The table has no modelled columns to learn.");
        using var generator = new Generator((ulong)seed);
        var layers = new List<LinearLayer>();
        LinearLayer Add(int input, int output, bool bias = true)
        {
            var layer = new LinearLayer(input, output, bias, generator, dtype);
            layers.Add(layer);
            return layer;
        }

        int size = Width;
        _encoder = options.EncoderHidden.Select(h => { var l = Add(size, h); size = h; return l; }).ToArray();
        _latent = Add(size, 2 * options.LatentDim);
        size = options.LatentDim;
        _decoder = options.DecoderHidden.Select(h => { var l = Add(size, h); size = h; return l; }).ToArray();
        _head = Add(size, Width);
        var gaussian = layout.Blocks.Where(b => b.Kind == BlockKind.Gaussian).Select(b => (long)b.Offset).ToArray();
        _logScale = Add(1, Math.Max(1, gaussian.Length), bias: false);
        using (no_grad()) _logScale.Weight.zero_();   // start at unit scale
        _gaussianColumns = tensor(gaussian, ScalarType.Int64);
        _categorical = layout.Blocks.Where(b => b.Kind == BlockKind.Categorical).Select(b => (b.Offset, b.Width)).ToArray();
        Layers = layers;
    }

    Tensor Decode(Tensor z)
    {
        var h = z;
        foreach (var layer in _decoder) h = nn.functional.relu(layer.Forward(h));
        return _head.Forward(h);
    }

    Tensor LogScales(long rows)
    {
        var raw = _logScale.Forward(ones(rows, 1, dtype: _dtype));
        return raw.clamp(Options.MinLogScale, Options.MaxLogScale);
    }

    /// <summary>
    /// Per-row loss, shape [B]: reconstruction negative log-likelihood plus KL(q(z|x) || N(0, I)) weighted by
    /// <see cref="VaeOptions.KlWeight"/> (at 1, the negative ELBO), one latent draw.
    /// </summary>
    public Tensor RowLosses(Tensor x, Generator generator) =>
        RowLosses(x, randn([x.shape[0], Options.LatentDim], dtype: _dtype, generator: generator));

    /// <summary>As above, with the latent draw's standard normals given ([B, latent]): training passes secret draws.</summary>
    public Tensor RowLosses(Tensor x, Tensor standardNormal)
    {
        long rows = x.shape[0];
        var h = x;
        foreach (var layer in _encoder) h = nn.functional.relu(layer.Forward(h));
        var stats = _latent.Forward(h);
        var mu = stats.narrow(1, 0, Options.LatentDim);
        var logVar = stats.narrow(1, Options.LatentDim, Options.LatentDim).clamp(-10, 10);
        var z = mu + (0.5 * logVar).exp() * standardNormal.to_type(_dtype);
        var output = Decode(z);

        var kl = -0.5 * (1 + logVar - mu.square() - logVar.exp()).sum(1);
        var loss = Options.KlWeight == 1.0 ? kl : kl * Options.KlWeight;
        if (_gaussianColumns.numel() > 0)
        {
            var logScale = LogScales(rows);
            var target = x.index_select(1, _gaussianColumns);
            var mean = output.index_select(1, _gaussianColumns);
            var standardised = (target - mean) * (-logScale).exp();
            loss = loss + (0.5 * standardised.square() + logScale + 0.5 * Math.Log(2 * Math.PI)).sum(1);
        }
        foreach (var (offset, width) in _categorical)
        {
            var logits = output.narrow(1, offset, width);
            var target = x.narrow(1, offset, width);
            loss = loss - (target * nn.functional.log_softmax(logits, 1)).sum(1);
        }
        return loss;
    }

    /// <summary>Each row's loss averaged over several latent draws (no gradients), for the white-box membership audit.</summary>
    public double[] MeanRowLosses(float[] encoded, int rows, int draws, long seed)
    {
        if (encoded.Length != (long)rows * Width) throw new ArgumentException($"Expected {rows} x {Width} encoded values.");
        var result = new double[rows];
        using var generator = new Generator((ulong)seed);
        using var _ = no_grad();
        const int chunk = 4096;
        for (int start = 0; start < rows; start += chunk)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(chunk, rows - start);
            var x = tensor(encoded.AsSpan(start * Width, count * Width).ToArray(), [count, Width]).to_type(_dtype);
            var sum = zeros(count, dtype: ScalarType.Float64);
            for (int d = 0; d < draws; d++) sum += RowLosses(x, generator).to_type(ScalarType.Float64);
            var mean = (sum / draws).data<double>().ToArray();
            Array.Copy(mean, 0, result, start, count);
        }
        return result;
    }

    /// <summary>
    /// Draws rows from the prior through the decoder. Gaussian blocks are sampled around their mean with
    /// the learned scale; categorical blocks are returned as softmax probabilities. Rows x Width, row-major:
    /// the format <see cref="Tabular.Encoding.TableTransformer.Decode(float[], int, Random)"/> takes.
    /// </summary>
    public float[] Sample(int rows, Generator generator)
    {
        var result = new float[(long)rows * Width];
        Sample(rows, generator, result);
        return result;
    }

    /// <summary>As <see cref="Sample(int, Generator)"/>, into <paramref name="destination"/> (reused across chunks).</summary>
    public void Sample(int rows, Generator generator, float[] destination)
    {
        SampleLogits(rows, generator, destination);
        LogitsToProbabilities(destination, rows);
    }

    /// <summary>
    /// The first half of <see cref="Sample(int, Generator, float[])"/>: Gaussian blocks sampled, categorical
    /// blocks left as logits. Generation runs the two halves on different threads.
    /// </summary>
    public void SampleLogits(int rows, Generator generator, float[] destination)
    {
        if (destination.Length < (long)rows * Width) throw new ArgumentException("Destination is too small.", nameof(destination));
        if (rows == 0) return;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var z = randn([rows, Options.LatentDim], dtype: _dtype, generator: generator);
        var output = Decode(z);
        if (_gaussianColumns.numel() > 0)
        {
            var mean = output.index_select(1, _gaussianColumns);
            var scale = LogScales(1).exp(); // the same scale for every row: broadcast one row
            var sampled = mean + scale * randn(mean.shape, dtype: _dtype, generator: generator);
            output.index_copy_(1, _gaussianColumns, sampled);
        }
        var values = output.to_type(ScalarType.Float32).contiguous();
        // Tensor.bytes is a view of the native buffer; TensorAccessor.CopyTo copies element by element.
        MemoryMarshal.Cast<byte, float>(values.bytes).CopyTo(destination.AsSpan());
    }

    /// <summary>
    /// Conditional generation's proposal: draws <paramref name="rows"/> latents from the prior into <paramref name="latents"/>
    /// (rows x LatentDim) and writes the decoder's heads for them into <paramref name="outputs"/> (rows x Width): Gaussian
    /// blocks hold means (no noise drawn), categorical blocks logits.
    /// </summary>
    public void DecodePrior(int rows, Generator generator, Span<float> latents, float[] outputs)
    {
        if (rows == 0) return;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var z = randn([rows, Options.LatentDim], dtype: _dtype, generator: generator);
        MemoryMarshal.Cast<byte, float>(z.to_type(ScalarType.Float32).contiguous().bytes).CopyTo(latents);
        CopyHeads(Decode(z), outputs);
    }

    /// <summary>The decoder's heads (means and logits, as <see cref="DecodePrior"/>) for given latents, rows x LatentDim.</summary>
    public void DecodeLatents(float[] latents, int rows, float[] outputs)
    {
        if (rows == 0) return;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var z = tensor(latents, [latents.Length / Options.LatentDim, Options.LatentDim]).narrow(0, 0, rows).to_type(_dtype);
        CopyHeads(Decode(z), outputs);
    }

    static void CopyHeads(Tensor output, float[] destination) =>
        MemoryMarshal.Cast<byte, float>(output.to_type(ScalarType.Float32).contiguous().bytes).CopyTo(destination.AsSpan());

    /// <summary>Each Gaussian block's learned standard deviation, indexed by the block's offset (0 elsewhere).</summary>
    public double[] GaussianScalesByOffset()
    {
        var scales = new double[Width];
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var values = LogScales(1).exp().to_type(ScalarType.Float64).data<double>().ToArray();
        var offsets = Layout.Blocks.Where(b => b.Kind == BlockKind.Gaussian).Select(b => b.Offset).ToArray();
        for (int i = 0; i < offsets.Length; i++) scales[offsets[i]] = values[i];
        return scales;
    }

    /// <summary>
    /// The second half of <see cref="Sample(int, Generator, float[])"/>: each categorical block's logits replaced by
    /// their softmax (see <see cref="BlockSoftmax"/>).
    /// </summary>
    public void LogitsToProbabilities(float[] buffer, int rows) => BlockSoftmax.InPlace(buffer, rows, Width, _categorical);

    /// <summary>Frees every layer's tensors.</summary>
    public void Dispose()
    {
        foreach (var layer in Layers) layer.Dispose();
        _gaussianColumns.Dispose();
    }
}
