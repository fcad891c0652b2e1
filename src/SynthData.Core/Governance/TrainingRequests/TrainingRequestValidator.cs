using System.Globalization;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;

namespace SynthData.Core.Governance.TrainingRequests;

/// <summary>
/// The one set of limits and defaults for training options, used by the CLI and the server alike. Every option is
/// checked before any row is read; an unset option takes Core's default: epochs 30, batch size N/32 clamped to
/// [64, 1024] (N the training rows), clipping norm 1.0, learning rate 0.003, hidden widths 128-128, latent 16, delta
/// 1/(10 N) rounded down to one significant digit.
/// </summary>
public static class TrainingRequestValidator
{
    // Below 0.01 DP-SGD drowns any signal; above 100 the figure guarantees nothing a reader could rely on.
    /// <summary>Range of epsilon a run may ask for.</summary>
    public const double MinEpsilon = 0.01, MaxEpsilon = 100;
    // Below 1e-12 the accountants work at the edge of double precision, and the default 1/(10 N) stays above it for
    // any table under 10^11 rows: a smaller delta is a mistake, refused here rather than failing deep in planning.
    /// <summary>Smallest delta a run may ask for.</summary>
    public const double MinDelta = 1e-12;
    /// <summary>Upper limits of the training options.</summary>
    public const int MaxEpochs = 10_000, MaxBatchSize = 1_000_000, MaxLatentDim = 1024, MaxHiddenWidth = 4096, MaxHiddenLayers = 8;
    /// <summary>Largest gradient clipping norm.</summary>
    public const double MaxClippingNorm = 1e6;

    static readonly TrainingConfiguration Defaults = new();
    static readonly VaeOptions ModelDefaults = new();

    static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every option out of range (empty when the request is valid). Epsilon is required unless the caller runs without privacy.</summary>
    public static IReadOnlyList<OptionViolation> Check(TrainingRequest request, bool epsilonRequired = true)
    {
        var violations = new List<OptionViolation>();
        void Require(bool ok, string option, string requirement)
        {
            if (!ok) violations.Add(new OptionViolation(option, requirement));
        }
        Require(request.Epsilon is { } e ? double.IsFinite(e) && e is >= MinEpsilon and <= MaxEpsilon : !epsilonRequired,
            "epsilon", F($"is required, between {MinEpsilon} and {MaxEpsilon}"));
        Require(request.Delta is not { } d || double.IsFinite(d) && d is >= MinDelta and < 1, "delta", F($"must be in [{MinDelta:G3}, 1) (unset uses the default 1/(10 N))"));
        Require(request.Epochs is not { } epochs || double.IsFinite(epochs) && epochs > 0 && epochs <= MaxEpochs, "epochs", F($"must be positive, at most {MaxEpochs}"));
        Require(request.BatchSize is not { } batch || batch is >= 1 and <= MaxBatchSize, "batch_size", F($"must be between 1 and {MaxBatchSize}"));
        Require(request.MaxGradNorm is not { } norm || double.IsFinite(norm) && norm > 0 && norm <= MaxClippingNorm, "max_grad_norm", F($"must be positive, at most {MaxClippingNorm:G3}"));
        Require(request.LearningRate is not { } rate || double.IsFinite(rate) && rate is > 0 and <= 1, "learning_rate", "must be in (0, 1]");
        Require(request.Seed is >= int.MinValue and <= int.MaxValue, "seed", "must fit in 32 bits");
        Require(request.LatentDim is not { } latent || latent is >= 1 and <= MaxLatentDim, "latent_dim", F($"must be between 1 and {MaxLatentDim}"));
        Require(request.HiddenSizes is not { } widths || widths.Count <= MaxHiddenLayers && widths.All(w => w is >= 1 and <= MaxHiddenWidth),
            "hidden_sizes", F($"must hold at most {MaxHiddenLayers} widths between 1 and {MaxHiddenWidth}"));
        return violations;
    }

    /// <summary>
    /// A delta of 1/N or more allows a mechanism that publishes one row outright: refused whatever the policy says
    /// (the policy's own, tighter, factor is checked at admission). Null when the delta is acceptable.
    /// </summary>
    public static OptionViolation? CheckDelta(double? delta, long rows) =>
        delta is { } d && !(d < 1.0 / Math.Max(1, rows)) ? new OptionViolation("delta", "must be below 1/N, N the dataset's row count (unset uses the default 1/(10 N))") : null;

    /// <summary>The configuration a valid request asks for, Core's defaults where it says nothing.</summary>
    public static TrainingConfiguration ToConfiguration(TrainingRequest request)
    {
        if (Check(request, epsilonRequired: false) is [var first, ..])
            throw new ArgumentException($"{first.Option} {first.Requirement}.", nameof(request));
        var model = ModelDefaults;
        if (request.HiddenSizes is { Count: > 0 } widths)
            model = model with { EncoderHidden = widths.ToArray(), DecoderHidden = widths.Reverse().ToArray() };
        if (request.LatentDim is { } latent) model = model with { LatentDim = latent };
        return Defaults with
        {
            Epsilon = request.Epsilon,
            Delta = request.Delta,
            Epochs = request.Epochs ?? Defaults.Epochs,
            BatchSize = request.BatchSize,
            MaxGradNorm = request.MaxGradNorm ?? Defaults.MaxGradNorm,
            LearningRate = request.LearningRate ?? Defaults.LearningRate,
            Seed = (int)request.Seed,
            Model = model,
        };
    }
}
