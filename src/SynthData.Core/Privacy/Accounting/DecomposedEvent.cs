namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// A privacy event flattened into what the accountants can interpret: sampled-Gaussian components
/// and the summed delta of (0, delta) threshold events. Unsupported shapes are rejected here, once,
/// so that every accountant refuses the same events with the same message.
/// </summary>
internal sealed record DecomposedEvent(IReadOnlyList<SampledGaussianComponent> Components, double ThresholdDelta)
{
    /// <param name="privacyEvent">The event to flatten; throws when its shape is unsupported.</param>
    /// <param name="mergeUnsampledGaussians">Fold unsampled Gaussians into one (exact); off only to test composition.</param>
    public static DecomposedEvent From(PrivacyEvent privacyEvent, bool mergeUnsampledGaussians = true)
    {
        ArgumentNullException.ThrowIfNull(privacyEvent);
        var components = new List<SampledGaussianComponent>();
        double thresholdDelta = 0;
        Collect(privacyEvent, 1, components, ref thresholdDelta);
        // An infinite noise multiplier releases nothing and costs nothing.
        components.RemoveAll(c => double.IsPositiveInfinity(c.NoiseMultiplier) || c.Count == 0);
        return new DecomposedEvent(mergeUnsampledGaussians ? Merge(components) : components, thresholdDelta);
    }

    /// <summary>Whether the event has a shape the accountants interpret (its values are checked by <see cref="From"/>).</summary>
    public static bool IsSupported(PrivacyEvent privacyEvent) => privacyEvent switch
    {
        GaussianEvent or ThresholdEvent => true,
        PoissonSampledEvent p => p.Event is GaussianEvent,
        SelfComposedEvent s => IsSupported(s.Event),
        ComposedEvent c => c.Events.All(IsSupported),
        _ => false,
    };

    private static void Collect(PrivacyEvent e, long multiplicity, List<SampledGaussianComponent> components, ref double thresholdDelta)
    {
        switch (e)
        {
            case GaussianEvent g:
                ValidateNoise(g.NoiseMultiplier);
                components.Add(new SampledGaussianComponent(1.0, g.NoiseMultiplier, multiplicity));
                break;
            case PoissonSampledEvent { Event: GaussianEvent g } p:
                ValidateNoise(g.NoiseMultiplier);
                if (!(p.SamplingRate > 0 && p.SamplingRate <= 1))
                    throw new ArgumentOutOfRangeException(nameof(e), p.SamplingRate, "A Poisson sampling rate must lie in (0, 1].");
                components.Add(new SampledGaussianComponent(p.SamplingRate, g.NoiseMultiplier, multiplicity));
                break;
            case PoissonSampledEvent p:
                throw new NotSupportedException(
                    $"Poisson sampling is only supported around a single GaussianEvent, not around {p.Event.GetType().Name}: " +
                    "the amplification of a sampled composition is not what composing sampled steps gives.");
            case SelfComposedEvent s:
                if (s.Count < 0) throw new ArgumentOutOfRangeException(nameof(e), s.Count, "A self-composition count cannot be negative.");
                if (s.Count == 0) break;
                Collect(s.Event, checked(multiplicity * s.Count), components, ref thresholdDelta);
                break;
            case ComposedEvent c:
                foreach (var inner in c.Events) Collect(inner, multiplicity, components, ref thresholdDelta);
                break;
            case ThresholdEvent t:
                if (!(t.Delta >= 0 && t.Delta < 1))
                    throw new ArgumentOutOfRangeException(nameof(e), t.Delta, "A threshold event's delta must lie in [0, 1).");
                thresholdDelta += t.Delta * multiplicity;
                break;
            default:
                throw new NotSupportedException($"The privacy event type {e.GetType().Name} is not supported by the accountants.");
        }
    }

    private static void ValidateNoise(double noiseMultiplier)
    {
        if (!(noiseMultiplier > 0))
            throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), noiseMultiplier,
                "A Gaussian noise multiplier must be positive (zero noise has no finite epsilon).");
    }

    /// <summary>
    /// Unsampled Gaussians compose exactly into one Gaussian with 1/sigma^2 = sum count_i/sigma_i^2
    /// (their privacy loss is itself Gaussian), which spares the tight accountant a discretisation;
    /// identical sampled components add their counts.
    /// </summary>
    private static List<SampledGaussianComponent> Merge(List<SampledGaussianComponent> components)
    {
        var merged = new List<SampledGaussianComponent>();
        double inversePrecision = 0;
        bool anyUnsampled = false;
        foreach (var c in components.Where(c => c.SamplingRate >= 1))
        {
            anyUnsampled = true;
            inversePrecision += c.Count / (c.NoiseMultiplier * c.NoiseMultiplier);
        }
        if (anyUnsampled)
            merged.Add(new SampledGaussianComponent(1.0, 1.0 / Math.Sqrt(inversePrecision), 1));
        foreach (var group in components.Where(c => c.SamplingRate < 1).GroupBy(c => (c.SamplingRate, c.NoiseMultiplier)))
            merged.Add(new SampledGaussianComponent(group.Key.SamplingRate, group.Key.NoiseMultiplier, group.Sum(c => c.Count)));
        return merged;
    }
}
