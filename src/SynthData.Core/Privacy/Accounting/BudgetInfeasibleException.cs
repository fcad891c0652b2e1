namespace SynthData.Core.Privacy.Accounting;

/// <summary>No noise level can meet the requested (epsilon, delta) with the planned mechanisms.</summary>
public sealed class BudgetInfeasibleException(string message) : UserFacingException(ErrorReason.InvalidInput, message, "epsilon");
