namespace SynthData.Core.Governance.Ledger;

/// <summary>A run that would read private rows was refused because the dataset's lifetime budget cannot cover it.</summary>
/// <param name="message">Why the run was refused, for the caller.</param>
public sealed class BudgetExhaustedException(string message) : UserFacingException(ErrorReason.BudgetExhausted, message);
