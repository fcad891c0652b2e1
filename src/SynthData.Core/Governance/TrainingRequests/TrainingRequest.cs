namespace SynthData.Core.Governance.TrainingRequests;

/// <summary>
/// What a caller (the CLI or an RPC) asks of a training run, before validation. Null means "the default", which
/// <see cref="TrainingRequestValidator.ToConfiguration"/> fills from Core's own defaults, the same for every caller.
/// </summary>
public sealed record TrainingRequest
{
    /// <summary>Target epsilon of the run; required unless it runs without privacy.</summary>
    public double? Epsilon { get; init; }
    /// <summary>Target delta; null takes 1/(10 N) rounded down.</summary>
    public double? Delta { get; init; }
    /// <summary>Passes over the training rows (fractions allowed).</summary>
    public double? Epochs { get; init; }
    /// <summary>Expected batch size; null takes N/32 clamped to [64, 1024].</summary>
    public int? BatchSize { get; init; }
    /// <summary>Per-example gradient clipping norm.</summary>
    public double? MaxGradNorm { get; init; }
    /// <summary>Optimiser learning rate.</summary>
    public double? LearningRate { get; init; }
    /// <summary>Size of the VAE's latent space.</summary>
    public int? LatentDim { get; init; }
    /// <summary>The encoder's hidden widths; the decoder mirrors them.</summary>
    public IReadOnlyList<int>? HiddenSizes { get; init; }
    /// <summary>Public seed of the weights' initialisation (a long, so an out-of-range value can be named, not wrapped).</summary>
    public long Seed { get; init; }
}

/// <summary>One option out of range: its name (snake_case, as the API spells it) and what it accepts, never the value sent.</summary>
/// <param name="Option">The option's name, snake_case.</param>
/// <param name="Requirement">What the option accepts.</param>
public sealed record OptionViolation(string Option, string Requirement);
