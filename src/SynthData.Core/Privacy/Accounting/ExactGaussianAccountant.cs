namespace SynthData.Core.Privacy.Accounting;

/// <summary>
/// Exact accountant for events made only of unsampled Gaussians (and thresholds): they compose into one
/// Gaussian with 1/sigma^2 = sum 1/sigma_i^2, whose curve is known in closed form (<see cref="ExactGaussian"/>).
/// </summary>
public sealed class ExactGaussianAccountant : IPrivacyAccountant
{
    /// <inheritdoc/>
    public string Name => "gaussian_exact";

    /// <summary>True when the event contains no Poisson-sampled step (otherwise this accountant throws).</summary>
    public bool Supports(PrivacyEvent privacyEvent) =>
        DecomposedEvent.IsSupported(privacyEvent) && DecomposedEvent.From(privacyEvent).Components.All(c => c.SamplingRate >= 1);

    /// <summary>The exact epsilon at <paramref name="delta"/> (after the threshold events' share); no discretisation error.</summary>
    public PrivacyGuarantee GetEpsilon(PrivacyEvent privacyEvent, double delta)
    {
        var decomposed = Decompose(privacyEvent);
        double remaining = RemainingDelta.After(decomposed.ThresholdDelta, delta);
        double epsilon = decomposed.Components.Count == 0
            ? 0
            : ExactGaussian.Epsilon(decomposed.Components[0].NoiseMultiplier, decomposed.Components[0].Count, remaining);
        return new PrivacyGuarantee(epsilon, delta, Name, 0);
    }

    /// <summary>The exact delta at <paramref name="epsilon"/>, plus the threshold events' deltas.</summary>
    public double GetDelta(PrivacyEvent privacyEvent, double epsilon)
    {
        var decomposed = Decompose(privacyEvent);
        double delta = decomposed.Components.Count == 0
            ? 0
            : ExactGaussian.Delta(decomposed.Components[0].NoiseMultiplier, decomposed.Components[0].Count, epsilon);
        return Math.Min(1, delta + decomposed.ThresholdDelta);
    }

    static DecomposedEvent Decompose(PrivacyEvent privacyEvent)
    {
        var decomposed = DecomposedEvent.From(privacyEvent);
        if (decomposed.Components.Any(c => c.SamplingRate < 1))
            throw new NotSupportedException("The exact Gaussian accountant covers unsampled Gaussian mechanisms only; use the PLD or RDP accountant for sampled steps.");
        return decomposed;
    }
}
