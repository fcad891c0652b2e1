namespace SynthData.Core.Model.Training;

/// <summary>
/// Epsilon is too small for the DP preprocessing the schema needs (undeclared bounds, quantiles, category lists):
/// even noise raised a million-fold would not fit its share. The caller's fix is in its request, so adapters answer
/// it as invalid input naming epsilon.
/// </summary>
public sealed class PreprocessingBudgetException(double epsilonShare)
    : UserFacingException(ErrorReason.InvalidInput,
        $"Preprocessing cannot fit in epsilon {epsilonShare:G3}: declare bounds and categories in the schema, or raise epsilon.", "epsilon");
