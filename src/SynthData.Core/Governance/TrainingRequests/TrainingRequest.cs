namespace SynthData.Core.Governance.TrainingRequests;

/// <summary>
/// What a caller (the CLI or an RPC) asks of a training run, before validation. Null means "the default", which
/// <see cref="TrainingRequestValidator.ToConfiguration"/> fills from Core's own defaults, the same for every caller.
/// </summary>
public sealed record TrainingRequest
{
    public double? Epsilon { get; init; }
    public double? Delta { get; init; }
    public double? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public double? MaxGradNorm { get; init; }
    public double? LearningRate { get; init; }
    public int? LatentDim { get; init; }
    /// <summary>The encoder's hidden widths; the decoder mirrors them.</summary>
    public IReadOnlyList<int>? HiddenSizes { get; init; }
    /// <summary>Public seed of the weights' initialisation (a long, so an out-of-range value can be named, not wrapped).</summary>
    public long Seed { get; init; }
}

/// <summary>One option out of range: its name (snake_case, as the API spells it) and what it accepts, never the value sent.</summary>
public sealed record OptionViolation(string Option, string Requirement);
