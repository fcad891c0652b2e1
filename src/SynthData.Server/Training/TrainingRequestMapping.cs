using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;

namespace SynthData.Server.Training;

/// <summary>StartTraining's request to Core's configuration: zero means the default, anything out of range is INVALID_ARGUMENT.</summary>
public static class TrainingRequestMapping
{
    public static TrainingConfiguration ToConfiguration(StartTrainingRequest request, ReleasePolicy policy)
    {
        var o = request.Options ?? new ModelOptions();
        var defaults = new TrainingConfiguration();
        Require(double.IsFinite(request.Epsilon) && request.Epsilon >= 0, "epsilon must be a positive number (0 uses the policy's maximum per release)");
        Require(double.IsFinite(request.Delta) && request.Delta is >= 0 and < 1, "delta must be in [0, 1) (0 uses the default 1/(10 N))");
        Require(o.Epochs is >= 0 and <= 10_000, "options.epochs must be between 1 and 10000 (0 uses the default)");
        Require(o.BatchSize is >= 0 and <= 1_000_000, "options.batch_size must be between 1 and 1000000 (0 uses the default)");
        Require(double.IsFinite(o.MaxGradNorm) && o.MaxGradNorm >= 0, "options.max_grad_norm must be positive (0 uses the default)");
        Require(double.IsFinite(o.LearningRate) && o.LearningRate is >= 0 and <= 1, "options.learning_rate must be in (0, 1] (0 uses the default)");
        Require(o.Seed is >= int.MinValue and <= int.MaxValue, "options.seed must fit in 32 bits");
        Require(o.LatentDim is >= 0 and <= 1024, "options.latent_dim must be between 1 and 1024 (0 uses the default)");
        Require(o.HiddenSizes.All(h => h is >= 1 and <= 4096) && o.HiddenSizes.Count <= 8, "options.hidden_sizes must hold at most 8 widths between 1 and 4096");
        var model = new VaeOptions();
        if (o.HiddenSizes.Count > 0) model = model with { EncoderHidden = o.HiddenSizes.ToArray(), DecoderHidden = o.HiddenSizes.ToArray() };
        if (o.LatentDim > 0) model = model with { LatentDim = o.LatentDim };
        return defaults with
        {
            Epsilon = request.Epsilon > 0 ? request.Epsilon : policy.MaxEpsilonPerRelease,
            Delta = request.Delta > 0 ? request.Delta : null,
            Epochs = o.Epochs > 0 ? o.Epochs : defaults.Epochs,
            BatchSize = o.BatchSize > 0 ? o.BatchSize : null,
            MaxGradNorm = o.MaxGradNorm > 0 ? o.MaxGradNorm : defaults.MaxGradNorm,
            LearningRate = o.LearningRate > 0 ? o.LearningRate : defaults.LearningRate,
            Seed = (int)o.Seed,
            Model = model,
        };
    }

    static void Require(bool condition, string message)
    {
        if (!condition) throw new RpcException(new Status(StatusCode.InvalidArgument, message + "."));
    }
}
