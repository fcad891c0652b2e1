namespace SynthData.Core.Governance.Ledger;

/// <summary>The table was already declared a version of another dataset.</summary>
/// <param name="existing">The dataset the table already belongs to.</param>
/// <param name="requested">The dataset it was now declared a version of.</param>
public sealed class VersionConflictException(string existing, string requested)
    : UserFacingException(ErrorReason.FailedPrecondition,
        $"This table is already a version of dataset {existing}; it cannot also be a version of {requested}.", "version_of");
