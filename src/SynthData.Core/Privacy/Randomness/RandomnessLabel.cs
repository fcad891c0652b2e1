namespace SynthData.Core.Privacy.Randomness;

/// <summary>How a run's randomness is named in the artifact's readers: footer, card, report, CLI, RPC replies.</summary>
public static class RandomnessLabel
{
    /// <summary>The label's opening words, shown wherever a reproducible model's figures are.</summary>
    public const string NotPrivate = "NOT PRIVATE: replayable randomness";

    /// <summary>The mode's name as written out: "secure" or "reproducible-insecure".</summary>
    public static string Of(RandomnessMode mode) => mode == RandomnessMode.Secure ? "secure" : "reproducible-insecure";

    /// <summary>The warning a reproducible model carries wherever its figures are shown; null for a secure run.</summary>
    public static string? WarningFor(RandomnessMode mode) => mode == RandomnessMode.Secure ? null :
        $"{NotPrivate}. This model was trained in reproducible mode: its noise, batches and split derive from a seed, so anyone who knows it can replay training and the epsilon shown does not hold. No policy releases it.";
}
