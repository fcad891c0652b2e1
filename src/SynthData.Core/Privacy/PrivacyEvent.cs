using System.Text.Json.Serialization;

namespace SynthData.Core.Privacy;

/// <summary>
/// A description of a differentially private mechanism as a value (in the manner of Google's
/// dp_accounting): accountants interpret these, so a privacy ledger is data, not code paths.
/// Neighbouring datasets differ by adding or removing one row.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(GaussianEvent), "gaussian")]
[JsonDerivedType(typeof(PoissonSampledEvent), "poisson_sampled")]
[JsonDerivedType(typeof(SelfComposedEvent), "self_composed")]
[JsonDerivedType(typeof(ComposedEvent), "composed")]
[JsonDerivedType(typeof(ThresholdEvent), "threshold")]
public abstract record PrivacyEvent;

/// <summary>Gaussian noise of standard deviation NoiseMultiplier times the L2 sensitivity.</summary>
/// <param name="NoiseMultiplier">sigma: the noise's standard deviation over the sensitivity.</param>
public sealed record GaussianEvent(double NoiseMultiplier) : PrivacyEvent;

/// <summary>The inner mechanism run on a Poisson sample: each row kept independently with probability SamplingRate.</summary>
/// <param name="SamplingRate">q: each row's inclusion probability, in (0, 1].</param>
/// <param name="Event">The mechanism run on the sample.</param>
public sealed record PoissonSampledEvent(double SamplingRate, PrivacyEvent Event) : PrivacyEvent;

/// <summary>The inner mechanism run Count times, adaptively.</summary>
/// <param name="Event">The mechanism that is repeated.</param>
/// <param name="Count">How many times it runs.</param>
public sealed record SelfComposedEvent(PrivacyEvent Event, long Count) : PrivacyEvent;

/// <summary>Several mechanisms run one after another, adaptively.</summary>
/// <param name="Events">The mechanisms, in the order they ran.</param>
public sealed record ComposedEvent(IReadOnlyList<PrivacyEvent> Events) : PrivacyEvent;

/// <summary>
/// A (0, Delta) cost: the probability that a thresholded release (noisy counts of keys above a
/// threshold) reveals a key present only because of one row. Composes by adding Delta.
/// </summary>
/// <param name="Delta">The probability of the revealing release.</param>
public sealed record ThresholdEvent(double Delta) : PrivacyEvent;
