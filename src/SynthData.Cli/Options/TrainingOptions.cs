using System.CommandLine;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;

namespace SynthData.Cli.Options;

/// <summary>Training options shared by `train` and `synth`.</summary>
public sealed class TrainingOptions
{
    readonly Option<double?> _epsilon = new("--epsilon") { Description = "target epsilon for preprocessing plus training" };
    readonly Option<double?> _delta = new("--delta") { Description = "target delta (default 1/(10 N) rounded down to one significant digit)" };
    readonly Option<double> _epochs = new("--epochs") { Description = "expected passes over the training rows", DefaultValueFactory = _ => 30 };
    readonly Option<int?> _batchSize = new("--batch-size") { Description = "expected batch size (Poisson sampling rate q = B / N; default N/32 within [64, 1024])" };
    readonly Option<double> _maxGradNorm = new("--max-grad-norm") { Description = "clipping norm C of each row's gradient", DefaultValueFactory = _ => 1.0 };
    readonly Option<double> _learningRate = new("--learning-rate") { Description = "Adam learning rate", DefaultValueFactory = _ => 3e-3 };
    readonly Option<int> _seed = new("--seed") { Description = "seed of every random choice (split, batches, initialisation, noise)", DefaultValueFactory = _ => 0 };
    readonly Option<bool> _noPrivacy = new("--no-privacy") { Description = "train WITHOUT differential privacy (a labelled baseline for comparisons and audits)" };
    readonly Option<bool> _secureNoise = new("--secure-noise") { Description = "draw DP noise from a cryptographic source instead of the seed" };

    readonly Option<string?> _hidden = new("--hidden") { Description = "hidden layer widths of encoder and decoder, comma-separated (default 128,128)" };
    readonly Option<int?> _latent = new("--latent-dim") { Description = "latent dimension (default 16)" };

    public IEnumerable<Option> All => [_epsilon, _delta, _epochs, _batchSize, _maxGradNorm, _learningRate, _seed, _noPrivacy, _secureNoise, _hidden, _latent];

    VaeOptions Model(ParseResult parse)
    {
        var model = new VaeOptions();
        if (parse.GetValue(_hidden) is { Length: > 0 } text)
        {
            var widths = text.Split(',', StringSplitOptions.TrimEntries).Select(w =>
                int.TryParse(w, out int n) && n > 0 ? n : throw new ArgumentException($"--hidden expects positive integers separated by commas; got '{w}'.")).ToArray();
            model = model with { EncoderHidden = widths, DecoderHidden = widths.Reverse().ToArray() };
        }
        if (parse.GetValue(_latent) is { } latent)
            model = model with { LatentDim = latent > 0 ? latent : throw new ArgumentException($"--latent-dim must be positive; got {latent}.") };
        return model;
    }

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Add(option);
    }

    public TrainingConfiguration Read(ParseResult parse, double? defaultEpsilon = null)
    {
        bool noPrivacy = parse.GetValue(_noPrivacy);
        double? epsilon = parse.GetValue(_epsilon) ?? defaultEpsilon;
        if (noPrivacy && parse.GetValue(_epsilon) is not null)
            throw new ArgumentException("--no-privacy and --epsilon contradict each other: give one.");
        if (!noPrivacy && epsilon is null)
            throw new ArgumentException("--epsilon is required (or --no-privacy for a non-private baseline).");
        if (epsilon is { } e && !(e > 0 && double.IsFinite(e)))
            throw new ArgumentException($"--epsilon must be a positive finite number; got {e}.");
        double epochs = parse.GetValue(_epochs);
        if (!(epochs > 0 && double.IsFinite(epochs))) throw new ArgumentException($"--epochs must be positive; got {epochs}.");
        double learningRate = parse.GetValue(_learningRate);
        if (!(learningRate > 0)) throw new ArgumentException($"--learning-rate must be positive; got {learningRate}.");
        return new TrainingConfiguration
        {
            Epsilon = noPrivacy ? null : epsilon,
            Delta = parse.GetValue(_delta),
            Epochs = epochs,
            BatchSize = parse.GetValue(_batchSize),
            MaxGradNorm = parse.GetValue(_maxGradNorm),
            LearningRate = learningRate,
            Seed = parse.GetValue(_seed),
            NoPrivacy = noPrivacy,
            SecureNoise = parse.GetValue(_secureNoise),
            Model = Model(parse),
        };
    }
}
