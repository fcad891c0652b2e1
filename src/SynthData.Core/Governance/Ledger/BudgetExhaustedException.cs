namespace SynthData.Core.Governance.Ledger;

/// <summary>A run that would read private rows was refused because the dataset's lifetime budget cannot cover it.</summary>
public sealed class BudgetExhaustedException(string message) : UserFacingException(ErrorReason.BudgetExhausted, message);
