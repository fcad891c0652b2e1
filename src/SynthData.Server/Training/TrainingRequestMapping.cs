using SynthData.Api.V1;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Server.Validation;

namespace SynthData.Server.Training;

/// <summary>
/// StartTraining's request to Core's configuration. Every field is checked here, before any row is read:
/// anything out of range is INVALID_ARGUMENT naming the field. Epsilon is required (a guarantee is never
/// implied); delta and the model options are optional, unset meaning Core's default.
/// </summary>
public static class TrainingRequestMapping
{
    // Below 0.01 DP-SGD drowns any signal; above 100 the figure guarantees nothing a reader could rely on.
    public const double MinEpsilon = 0.01, MaxEpsilon = 100;
    // Below 1e-12 the accountants work at the edge of double precision, and the default 1/(10 N) stays above it for
    // any table under 10^11 rows: a smaller delta is a mistake, refused here rather than failing deep in planning.
    public const double MinDelta = 1e-12;

    /// <summary>The checks that need no dataset: every field's type and range.</summary>
    public static void Validate(StartTrainingRequest request)
    {
        RequestIds.Require(request.DatasetId, "dataset_id");
        var o = request.Options ?? new ModelOptions();
        FieldViolations.Require(double.IsFinite(request.Epsilon) && request.Epsilon is >= MinEpsilon and <= MaxEpsilon,
            "epsilon", $"is required, between {MinEpsilon} and {MaxEpsilon}");
        FieldViolations.Require(!request.HasDelta || double.IsFinite(request.Delta) && request.Delta is >= MinDelta and < 1, "delta",
            $"must be in [{MinDelta:G3}, 1) (unset uses the default 1/(10 N))");
        FieldViolations.Require(!o.HasEpochs || o.Epochs is >= 1 and <= 10_000, "options.epochs", "must be between 1 and 10000");
        FieldViolations.Require(!o.HasBatchSize || o.BatchSize is >= 1 and <= 1_000_000, "options.batch_size", "must be between 1 and 1000000");
        FieldViolations.Require(!o.HasMaxGradNorm || double.IsFinite(o.MaxGradNorm) && o.MaxGradNorm is > 0 and <= 1e6, "options.max_grad_norm", "must be positive, at most 1e6");
        FieldViolations.Require(!o.HasLearningRate || double.IsFinite(o.LearningRate) && o.LearningRate is > 0 and <= 1, "options.learning_rate", "must be in (0, 1]");
        FieldViolations.Require(o.Seed is >= int.MinValue and <= int.MaxValue, "options.seed", "must fit in 32 bits");
        FieldViolations.Require(!o.HasLatentDim || o.LatentDim is >= 1 and <= 1024, "options.latent_dim", "must be between 1 and 1024");
        FieldViolations.Require(o.HiddenSizes.All(h => h is >= 1 and <= 4096) && o.HiddenSizes.Count <= 8, "options.hidden_sizes", "must hold at most 8 widths between 1 and 4096");
    }

    /// <summary>
    /// A delta of 1/N or more allows a mechanism that publishes one row outright: refused at the boundary, whatever
    /// the policy says (the policy's own, tighter, factor is checked at admission).
    /// </summary>
    public static void ValidateDelta(double? delta, long rows) =>
        FieldViolations.Require(delta is not { } d || d < 1.0 / Math.Max(1, rows), "delta", "must be below 1/N, N the dataset's row count (unset uses the default 1/(10 N))");

    public static TrainingConfiguration ToConfiguration(StartTrainingRequest request, ReleasePolicy policy)
    {
        Validate(request);
        var o = request.Options ?? new ModelOptions();
        var defaults = new TrainingConfiguration();
        var model = new VaeOptions();
        if (o.HiddenSizes.Count > 0) model = model with { EncoderHidden = o.HiddenSizes.ToArray(), DecoderHidden = o.HiddenSizes.ToArray() };
        if (o.HasLatentDim) model = model with { LatentDim = o.LatentDim };
        return defaults with
        {
            Epsilon = request.Epsilon,
            Delta = request.HasDelta ? request.Delta : null,
            Epochs = o.HasEpochs ? o.Epochs : defaults.Epochs,
            BatchSize = o.HasBatchSize ? o.BatchSize : null,
            MaxGradNorm = o.HasMaxGradNorm ? o.MaxGradNorm : defaults.MaxGradNorm,
            LearningRate = o.HasLearningRate ? o.LearningRate : defaults.LearningRate,
            Seed = (int)o.Seed,
            Model = model,
        };
    }
}
