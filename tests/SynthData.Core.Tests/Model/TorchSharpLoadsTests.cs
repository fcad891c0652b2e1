using TorchSharp;
using static TorchSharp.torch;

namespace SynthData.Core.Tests.Model;

/// <summary>
/// Proves the native TorchSharp wrapper loads on this platform (the build marks its GLIBCXX_3.4.32
/// requirement weak on Debian 12) and that autograd works end to end.
/// </summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void ForwardAndBackwardPassProduceTheAnalyticGradient()
    {
        torch.manual_seed(7);
        var linear = nn.Linear(3, 1);
        var x = tensor(new float[] { 1f, 2f, 3f, -1f, 0.5f, 4f }, new long[] { 2, 3 });
        var y = linear.forward(x).sum();
        y.backward();

        // d(sum_i w.x_i + b)/dw = sum_i x_i, and d/db = number of rows.
        var gradW = linear.weight!.grad!.data<float>().ToArray();
        Assert.Equal(new[] { 0f, 2.5f, 7f }, gradW);
        Assert.Equal(2f, linear.bias!.grad!.item<float>());
    }
}
