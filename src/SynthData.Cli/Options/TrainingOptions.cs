using System.CommandLine;
using SynthData.Core;
using SynthData.Core.Governance.TrainingRequests;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Randomness;
using ApiV1 = SynthData.Api.V1;

namespace SynthData.Cli.Options;

/// <summary>Training options shared by `train` and `synth`.</summary>
public sealed class TrainingOptions
{
    readonly Option<double?> _epsilon = new("--epsilon") { Description = "target epsilon for preprocessing plus training (required with --server)" };
    readonly Option<double?> _delta = new("--delta") { Description = "target delta (default 1/(10 N) rounded down to one significant digit)" };
    readonly Option<double> _epochs = new("--epochs") { Description = "expected passes over the training rows", DefaultValueFactory = _ => 30 };
    readonly Option<int?> _batchSize = new("--batch-size") { Description = "expected batch size (Poisson sampling rate q = B / N; default N/32 within [64, 1024])" };
    readonly Option<double> _maxGradNorm = new("--max-grad-norm") { Description = "clipping norm C of each row's gradient", DefaultValueFactory = _ => 1.0 };
    readonly Option<double> _learningRate = new("--learning-rate") { Description = "Adam learning rate", DefaultValueFactory = _ => 3e-3 };
    readonly Option<int> _seed = new("--seed") { Description = "public seed of the weights' initialisation (with --reproducible-insecure: of every random choice)", DefaultValueFactory = _ => 0 };
    readonly Option<bool> _noPrivacy = new("--no-privacy") { Description = "train WITHOUT differential privacy (a labelled baseline for comparisons and audits)" };
    readonly Option<bool> _reproducible = new("--reproducible-insecure")
    {
        Description = "derive noise, batches and split from --seed (for tests and benchmarks): the model is labelled NOT PRIVATE and no policy releases it",
    };

    readonly Option<string?> _hidden = new("--hidden") { Description = "hidden layer widths of the encoder, comma-separated; the decoder mirrors them (default 128,128)" };
    readonly Option<int?> _latent = new("--latent-dim") { Description = "latent dimension (default 16)" };

    public IEnumerable<Option> All => [_epsilon, _delta, _epochs, _batchSize, _maxGradNorm, _learningRate, _seed, _noPrivacy, _reproducible, _hidden, _latent];

    int[]? HiddenWidths(ParseResult parse) => parse.GetValue(_hidden) is { Length: > 0 } text
        ? text.Split(',', StringSplitOptions.TrimEntries).Select(w =>
            int.TryParse(w, out int n) ? n : throw new InvalidInputException($"--hidden expects integers separated by commas; got '{w}'.")).ToArray()
        : null;

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Add(option);
    }

    /// <summary>The configuration the options ask for: Core checks every option and fills the defaults (the server's too).</summary>
    public TrainingConfiguration Read(ParseResult parse, double? defaultEpsilon = null)
    {
        bool noPrivacy = parse.GetValue(_noPrivacy);
        double? epsilon = parse.GetValue(_epsilon) ?? defaultEpsilon;
        if (noPrivacy && parse.GetValue(_epsilon) is not null)
            throw new InvalidInputException("--no-privacy and --epsilon contradict each other: give one.");
        if (!noPrivacy && epsilon is null)
            throw new InvalidInputException("--epsilon is required (or --no-privacy for a non-private baseline).");
        var request = new TrainingRequest
        {
            Epsilon = noPrivacy ? null : epsilon,
            Delta = parse.GetValue(_delta),
            Epochs = parse.GetValue(_epochs),
            BatchSize = parse.GetValue(_batchSize),
            MaxGradNorm = parse.GetValue(_maxGradNorm),
            LearningRate = parse.GetValue(_learningRate),
            LatentDim = parse.GetValue(_latent),
            HiddenSizes = HiddenWidths(parse),
            Seed = parse.GetValue(_seed),
        };
        if (TrainingRequestValidator.Check(request, epsilonRequired: !noPrivacy) is [var first, ..])
            throw new InvalidInputException($"{Flag(first.Option)} {first.Requirement}.");
        return TrainingRequestValidator.ToConfiguration(request) with
        {
            NoPrivacy = noPrivacy,
            Randomness = parse.GetValue(_reproducible) ? RandomnessMode.ReproducibleInsecure : RandomnessMode.Secure,
        };
    }

    /// <summary>The command-line flag of an option Core names.</summary>
    static string Flag(string option) => option == "hidden_sizes" ? "--hidden" : "--" + option.Replace('_', '-');

    /// <summary>
    /// The same options as a server request. Only what the user gave is sent (unset fields take the server's
    /// defaults, which are Core's, as here); epsilon must be given. Options a server run cannot honour are refused.
    /// </summary>
    public ApiV1.StartTrainingRequest ToStartTrainingRequest(ParseResult parse, string datasetId)
    {
        if (parse.GetValue(_noPrivacy))
            throw new InvalidInputException("--no-privacy is not available on a server: every model it trains is differentially private.");
        if (parse.GetValue(_reproducible))
            throw new InvalidInputException("--reproducible-insecure is not available with --server: a server trains with secret randomness only.");
        double epsilon = parse.GetValue(_epsilon) ?? throw new InvalidInputException("--epsilon is required with --server.");
        if (!(epsilon > 0 && double.IsFinite(epsilon)))
            throw new InvalidInputException($"--epsilon must be a positive finite number; got {epsilon}.");
        double epochs = parse.GetValue(_epochs);
        if (!(epochs >= 1 && epochs <= int.MaxValue && epochs == Math.Floor(epochs)))
            throw new InvalidInputException($"--epochs must be a whole number of at least 1 on a server; got {epochs}.");
        var options = new ApiV1.ModelOptions { Epochs = (int)epochs, Seed = parse.GetValue(_seed) };
        if (parse.GetValue(_batchSize) is { } batch) options.BatchSize = batch;
        if (Given(parse, _maxGradNorm)) options.MaxGradNorm = parse.GetValue(_maxGradNorm);
        if (Given(parse, _learningRate)) options.LearningRate = parse.GetValue(_learningRate);
        if (parse.GetValue(_latent) is { } latent) options.LatentDim = latent;
        if (HiddenWidths(parse) is { } widths) options.HiddenSizes.AddRange(widths);
        var request = new ApiV1.StartTrainingRequest { DatasetId = datasetId, Epsilon = epsilon, Options = options };
        if (parse.GetValue(_delta) is { } delta) request.Delta = delta;
        return request;
    }

    static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
