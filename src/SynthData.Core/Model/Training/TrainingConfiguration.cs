using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Encoding;

namespace SynthData.Core.Model.Training;

/// <summary>What the user asks of a training run. Everything here is public (it is written to the artifact).</summary>
public sealed record TrainingConfiguration
{
    /// <summary>Target epsilon for preprocessing plus training together; required unless <see cref="NoPrivacy"/>.</summary>
    public double? Epsilon { get; init; }

    /// <summary>Target delta; null takes <see cref="Privacy.Accounting.DeltaPolicy.Default"/> of the training rows.</summary>
    public double? Delta { get; init; }

    // Epochs, batch, learning rate and network sizes stay the same at every N: on german-credit (800 training rows)
    // and 4,000-row bank-full subsamples at epsilon 1 and 3, no batch (64 to 400), epochs (30 to 100), rate (0.003,
    // 0.01) or narrower network (64-64, 32-32, none) did better (grid in README, "Training defaults at small N").
    /// <summary>Expected passes over the training rows; steps T = ceil(epochs / q).</summary>
    public double Epochs { get; init; } = 30;

    /// <summary>Expected batch size B: each step samples every row with probability q = B / N. Null: N/32 within [64, 1024].</summary>
    /// <remarks>Large batches suit DP-SGD: the noise on the averaged gradient shrinks as 1/B while its std grows more slowly.</remarks>
    public int? BatchSize { get; init; }

    /// <summary>The batch size used for N training rows.</summary>
    public int BatchSizeFor(long trainingRows) => BatchSize ?? (int)Math.Clamp(trainingRows / 32, 64, 1024);

    /// <summary>Clipping norm C of each row's whole gradient.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>
    /// Public randomness only: the weights' initialisation. In <see cref="RandomnessMode.ReproducibleInsecure"/>
    /// every stream derives from it (see <see cref="DerivedSeed"/>), which makes the run replayable and NOT PRIVATE.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Secure (the default): noise, batches, split, training draws from the cryptographic generator, never stored.</summary>
    public RandomnessMode Randomness { get; init; } = RandomnessMode.Secure;

    /// <summary>Train the same model without clipping or noise: a labelled baseline with no guarantee.</summary>
    public bool NoPrivacy { get; init; }

    /// <summary>Fraction of the rows held out from training, for the membership audit.</summary>
    public double HoldoutFraction { get; init; } = HoldoutSplit.DefaultHoldoutFraction;

    /// <summary>The VAE's sizes and loss settings.</summary>
    public VaeOptions Model { get; init; } = new();


    /// <summary>Starting preprocessing options; the plan raises their noise to fit <see cref="PreprocessingEpsilonShare"/>.</summary>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>
    /// At most this share of epsilon goes to DP preprocessing (bounds, quantiles, category lists); the rest to training.
    /// Null (the default) lets the plan choose it from N, epsilon and the schema (see <see cref="PrivacyPlan.Create"/>).
    /// </summary>
    public double? PreprocessingEpsilonShare { get; init; }
}
