using SynthData.Api.V1;
using SynthData.Core.Governance.TrainingRequests;
using SynthData.Core.Model.Training;
using SynthData.Server.Validation;

namespace SynthData.Server.Training;

/// <summary>
/// StartTraining's request to Core's <see cref="TrainingRequest"/>: the limits and the defaults are Core's
/// (<see cref="TrainingRequestValidator"/>, shared with the CLI). Every field is checked before any row is read;
/// anything out of range is INVALID_ARGUMENT naming the field. Epsilon is required (a guarantee is never implied);
/// delta and the model options are optional, unset meaning Core's default.
/// </summary>
public static class TrainingRequestMapping
{
    public static TrainingRequest ToCore(StartTrainingRequest request)
    {
        var o = request.Options ?? new ModelOptions();
        return new TrainingRequest
        {
            Epsilon = request.Epsilon,
            Delta = request.HasDelta ? request.Delta : null,
            Epochs = o.HasEpochs ? o.Epochs : null,
            BatchSize = o.HasBatchSize ? o.BatchSize : null,
            MaxGradNorm = o.HasMaxGradNorm ? o.MaxGradNorm : null,
            LearningRate = o.HasLearningRate ? o.LearningRate : null,
            LatentDim = o.HasLatentDim ? o.LatentDim : null,
            HiddenSizes = o.HiddenSizes.Count > 0 ? o.HiddenSizes.ToArray() : null,
            Seed = o.Seed,
        };
    }

    /// <summary>The checks that need no dataset: every field's type and range.</summary>
    public static void Validate(StartTrainingRequest request)
    {
        RequestIds.Require(request.DatasetId, "dataset_id");
        if (TrainingRequestValidator.Check(ToCore(request)) is [var first, ..]) throw Invalid(first);
    }

    /// <summary>A delta of 1/N or more is refused whatever the policy says (Core's rule).</summary>
    public static void ValidateDelta(double? delta, long rows)
    {
        if (TrainingRequestValidator.CheckDelta(delta, rows) is { } violation) throw Invalid(violation);
    }

    public static TrainingConfiguration ToConfiguration(StartTrainingRequest request)
    {
        Validate(request);
        return TrainingRequestValidator.ToConfiguration(ToCore(request));
    }

    /// <summary>Core names options as the API does; the model options live under "options." in the request.</summary>
    static Grpc.Core.RpcException Invalid(OptionViolation violation) =>
        FieldViolations.Invalid(violation.Option is "epsilon" or "delta" ? violation.Option : "options." + violation.Option, violation.Requirement);
}
