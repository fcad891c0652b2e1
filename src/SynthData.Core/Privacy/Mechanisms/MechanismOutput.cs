namespace SynthData.Core.Privacy.Mechanisms;

/// <summary>What a differentially private mechanism released, with the ledger entry for exactly what ran.</summary>
public sealed record MechanismOutput<T>(T Value, MechanismRecord Record);
