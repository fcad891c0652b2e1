using SynthData.Core.Model;
using SynthData.Core.Privacy.DpSgd;
using Xunit;
using static TorchSharp.torch;

namespace SynthData.Core.Tests.Privacy.DpSgd;

public sealed class PerSampleClipperTests
{
    /// <summary>Relative L2 distance between two lists of tensors, as one flattened vector.</summary>
    static double RelativeDifference(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < a.Count; i++)
        {
            diff += (a[i] - b[i]).square().sum().item<double>();
            norm += b[i].square().sum().item<double>();
        }
        return Math.Sqrt(diff / norm);
    }

    [Theory]
    [InlineData(1, 0.5)]   // small clip: every row clipped
    [InlineData(2, 50.0)]  // large clip: no row clipped, the plain sum
    [InlineData(3, double.NaN)]   // NaN: the median row norm, so some rows are clipped and some not
    [InlineData(4, double.NaN)]
    public void The_fast_clipped_sum_equals_the_one_backward_per_row_reference(int seed, double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var model = TinyModels.Model(seed);
        var x = TinyModels.Batch(TinyModels.Rows(24, seed, scale: 1 + seed));

        if (double.IsNaN(maxNorm))
        {
            using var g0 = new Generator(100);
            var norms = new NaiveClipper(model.Layers).ClippedSum(() => model.RowLosses(x, g0), 1e9).RowNorms;
            maxNorm = norms.median().item<double>();
        }
        using var g1 = new Generator(100);
        var fast = new GhostClipper(model.Layers).ClippedSum(() => model.RowLosses(x, g1), maxNorm);
        using var g2 = new Generator(100); // the same latent draws
        var naive = new NaiveClipper(model.Layers).ClippedSum(() => model.RowLosses(x, g2), maxNorm);

        Assert.Equal(model.Parameters.Count(), fast.Sum.Count);
        // float64 throughout: the two differ only by summation order, far below the 1e-5 bar.
        Assert.True(RelativeDifference(fast.Sum, naive.Sum) < 1e-5, $"relative difference {RelativeDifference(fast.Sum, naive.Sum)}");
        Assert.True((fast.RowNorms - naive.RowNorms).abs().max().item<double>() < 1e-8 * (1 + naive.RowNorms.max().item<double>()));
        if (seed >= 3)
        {
            // The case exercises both branches of the clip.
            Assert.True((naive.RowNorms > maxNorm).any().item<bool>());
            Assert.True((naive.RowNorms < maxNorm).any().item<bool>());
        }
    }

    [Fact]
    public void A_trace_sees_the_layer_calls_only_while_it_is_open()
    {
        using var scope = NewDisposeScope();
        using var model = TinyModels.Model(12);
        var x = TinyModels.Batch(TinyModels.Rows(3, 12));
        using var g = new Generator(3);
        LayerTrace trace;
        using (trace = LayerTrace.Record(model.Layers))
        {
            model.RowLosses(x, g);
            // Every layer of the tiny model takes part in the loss, once.
            Assert.Equal(model.Layers.Count, trace.Calls.Count);
            Assert.True(trace.Calls.Select(c => c.Layer).ToHashSet().SetEquals(model.Layers));
            Assert.Throws<InvalidOperationException>(() => LayerTrace.Record(model.Layers));
        }
        model.RowLosses(x, g);
        Assert.Equal(model.Layers.Count, trace.Calls.Count);
        using var again = LayerTrace.Record(model.Layers); // detached: a new trace may attach
    }

    [Fact]
    public void Every_clipped_row_contributes_at_most_the_clipping_norm()
    {
        using var scope = NewDisposeScope();
        using var model = TinyModels.Model(9);
        var rows = TinyModels.Rows(1, 9, scale: 10);
        using var g = new Generator(5);
        var one = new GhostClipper(model.Layers).ClippedSum(() => model.RowLosses(TinyModels.Batch(rows), g), 0.25);
        double norm = Math.Sqrt(one.Sum.Sum(t => t.square().sum().item<double>()));
        Assert.True(one.RowNorms[0].item<double>() > 0.25);
        Assert.Equal(0.25, norm, 6);
    }

    [Fact]
    public void A_rows_clipped_gradient_does_not_depend_on_the_other_rows_of_its_batch()
    {
        using var scope = NewDisposeScope();
        using var model = TinyModels.Model(11);
        var shared = TinyModels.Rows(1, 1);
        var batchA = shared.Concat(TinyModels.Rows(7, 2)).ToArray();
        var batchB = shared.Concat(TinyModels.Rows(7, 3, scale: 5)).ToArray();
        double NormOfFirst(float[] rows)
        {
            using var g = new Generator(8);
            return new GhostClipper(model.Layers).ClippedSum(() => model.RowLosses(TinyModels.Batch(rows), g), 1.0).RowNorms[0].item<double>();
        }
        double LossOfFirst(float[] rows)
        {
            using var g = new Generator(8);
            return model.RowLosses(TinyModels.Batch(rows), g)[0].item<double>();
        }
        Assert.Equal(NormOfFirst(batchA), NormOfFirst(batchB), 10);
        Assert.Equal(LossOfFirst(batchA), LossOfFirst(batchB), 10);
    }
}
