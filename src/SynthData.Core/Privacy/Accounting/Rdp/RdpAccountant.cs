namespace SynthData.Core.Privacy.Accounting.Rdp;

/// <summary>
/// Rényi-DP accountant: RDP of each sampled-Gaussian component (Mironov, Talwar, Zhang 2019) added
/// over the composition, then converted to (epsilon, delta) with Balle et al. 2020, Thm 21, and
/// minimised over the orders. Threshold events' deltas are set aside from the target delta first.
/// </summary>
public sealed class RdpAccountant : IPrivacyAccountant
{
    private readonly double[] _orders;

    /// <param name="orders">Rényi orders (> 1) to minimise over; defaults to <see cref="RdpOrders.Default"/>.</param>
    public RdpAccountant(IEnumerable<double>? orders = null)
    {
        _orders = (orders ?? RdpOrders.Default).ToArray();
        if (_orders.Length == 0 || _orders.Any(a => !(a > 1) || double.IsInfinity(a)))
            throw new ArgumentException("RDP orders must be a non-empty list of finite numbers above 1.", nameof(orders));
    }

    /// <inheritdoc/>
    public string Name => "rdp";

    /// <summary>The Rényi orders the conversions minimise over.</summary>
    public IReadOnlyList<double> Orders => _orders;

    /// <summary>The composed RDP curve of the event at each order (threshold events carry no RDP and are ignored here).</summary>
    public double[] ComputeRdp(PrivacyEvent privacyEvent) => ComputeRdp(DecomposedEvent.From(privacyEvent));

    /// <summary>The smallest epsilon over the orders by the Balle et al. 2020 conversion, at the delta left after threshold events.</summary>
    public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta)
    {
        var decomposed = DecomposedEvent.From(privacyEvent);
        double remainingDelta = RemainingDelta.After(decomposed.ThresholdDelta, delta);
        var rdp = ComputeRdp(decomposed);
        double best = double.PositiveInfinity;
        for (int i = 0; i < _orders.Length; i++)
        {
            double alpha = _orders[i];
            // Balle et al. 2020, Thm 21: eps = RDP(a) + ln((a-1)/a) - (ln delta + ln a)/(a-1).
            double eps = rdp[i] + Math.Log((alpha - 1) / alpha) - (Math.Log(remainingDelta) + Math.Log(alpha)) / (alpha - 1);
            if (eps < best) best = eps; // NaN (from an infinite RDP) never wins.
        }
        return new PrivacyGuarantee(Math.Max(0, best), delta, Name, 0);
    }

    /// <inheritdoc/>
    public bool Supports(PrivacyEvent privacyEvent) => DecomposedEvent.IsSupported(privacyEvent);

    /// <summary>The same conversion solved for delta: ln delta = (a-1)(RDP(a) - eps + ln((a-1)/a)) - ln a, minimised over the orders.</summary>
    public double GetDelta(PrivacyEvent privacyEvent, double epsilon)
    {
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be non-negative.");
        var decomposed = DecomposedEvent.From(privacyEvent);
        if (decomposed.Components.Count == 0) return Math.Min(1, decomposed.ThresholdDelta);
        var rdp = ComputeRdp(decomposed);
        double logDelta = double.PositiveInfinity;
        for (int i = 0; i < _orders.Length; i++)
        {
            double alpha = _orders[i];
            double candidate = (alpha - 1) * (rdp[i] - epsilon + Math.Log((alpha - 1) / alpha)) - Math.Log(alpha);
            if (candidate < logDelta) logDelta = candidate; // NaN never wins
        }
        return Math.Min(1, Math.Exp(logDelta) + decomposed.ThresholdDelta);
    }

    private double[] ComputeRdp(DecomposedEvent decomposed)
    {
        var rdp = new double[_orders.Length];
        foreach (var c in decomposed.Components)
            for (int i = 0; i < _orders.Length; i++)
                rdp[i] += c.Count * SampledGaussianRdp.Compute(c.SamplingRate, c.NoiseMultiplier, _orders[i]);
        return rdp;
    }
}
