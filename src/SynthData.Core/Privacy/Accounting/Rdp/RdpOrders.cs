namespace SynthData.Core.Privacy.Accounting.Rdp;

/// <summary>Rényi orders at which the RDP accountant evaluates and then minimises epsilon.</summary>
public static class RdpOrders
{
    /// <summary>Opacus: 1.1, 1.2, ..., 10.9 and 12, ..., 63.</summary>
    public static IReadOnlyList<double> Opacus { get; } =
        Enumerable.Range(1, 99).Select(x => 1 + x / 10.0).Concat(Enumerable.Range(12, 52).Select(x => (double)x)).ToArray();

    /// <summary>TensorFlow Privacy: 1.25, ..., 4.5, 5, ..., 63, 128, 256, 512.</summary>
    public static IReadOnlyList<double> TensorFlow { get; } =
        new[] { 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5 }
            .Concat(Enumerable.Range(5, 59).Select(x => (double)x))
            .Concat(new double[] { 128, 256, 512 }).ToArray();

    /// <summary>The union of both lists: a finer grid can only lower the minimum, so it is never worse than either.</summary>
    public static IReadOnlyList<double> Default { get; } =
        Opacus.Concat(TensorFlow).Select(a => Math.Round(a, 10)).Distinct().Order().ToArray();
}
