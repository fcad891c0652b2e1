namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>What a differentially private mechanism released, with the ledger entry for exactly what ran.</summary>
/// <param name="Value">The released (noisy) statistic.</param>
/// <param name="Record">The ledger entry describing the mechanism and its parameters.</param>
public sealed record MechanismOutput<T>(T Value, MechanismRecord Record);
