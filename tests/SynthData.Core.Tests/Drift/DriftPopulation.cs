using System.Globalization;
using System.Text;
using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;
using SynthData.Core.Tests.Tabular;
using SynthData.Core.Tests.TestSupport;

namespace SynthData.Core.Tests.Drift;

/// <summary>
/// A known population of four independent columns, and a model trained on a draw of it: <c>amount</c> ~ N(50, 10)
/// (bounds left to DP), <c>visits</c> uniform integers 0..20 (declared 0..30), <c>plan</c> with shares 0.4/0.3/0.2/0.1,
/// <c>active</c> true 60%. Drifted draws shift <c>amount</c> by one standard deviation (Kolmogorov-Smirnov distance
/// 2 Phi(1/2) - 1 = 0.383) and reweight <c>plan</c> to 0.1/0.3/0.2/0.4 (total variation 0.3).
/// </summary>
public sealed class DriftPopulation : IDisposable
{
    public const string Schema = """
        { "columns": {
            "amount": { "kind": "continuous" },
            "visits": { "kind": "integer", "min": 0, "max": 30 },
            "plan": { "kind": "categorical", "categories": ["basic", "plus", "pro", "max"] },
            "active": { "kind": "boolean", "categories": ["no", "yes"] } } }
        """;

    static readonly string[] Plans = ["basic", "plus", "pro", "max"];
    static readonly double[] Shares = [0.4, 0.3, 0.2, 0.1];
    static readonly double[] Reweighted = [0.1, 0.3, 0.2, 0.4];

    readonly TestFiles _files = new();
    public string TrainingPath { get; }
    public TableSchema TableSchema { get; }
    public TrainedModel Model { get; }

    public DriftPopulation()
    {
        TrainingPath = Write("train.csv", 8_000, seed: 1, drifted: false);
        using (var reader = TableReaders.Open(TrainingPath))
            TableSchema = SchemaResolver.Resolve(reader, SchemaFile.Load(_files.Write("drift.schema.json", Schema)));
        // A well-fitted model (high epsilon, enough epochs), so its own error stays well inside the tolerance and what
        // the tests see is drift; replayable, so they are reproducible.
        var config = new TrainingConfiguration
        {
            Epsilon = 10, Epochs = 12, BatchSize = 256, Seed = 3, Randomness = RandomnessMode.ReproducibleInsecure,
            Model = new VaeOptions { EncoderHidden = [32], DecoderHidden = [32], LatentDim = 4 },
        };
        Model = TrainingPipeline.Run(new TrainingInput(TrainingPath, TableSchema, TestKeys.Fingerprint), config, _files.PathOf("drift.model"));
    }

    /// <summary>A new draw of the population (or of its drifted version), loaded with the model's schema.</summary>
    public TabularData Draw(int rows, int seed, bool drifted)
    {
        using var reader = TableReaders.Open(Write($"draw-{seed}-{drifted}.csv", rows, seed, drifted));
        return TableLoader.Load(reader, Model.Manifest.Schema);
    }

    string Write(string name, int rows, int seed, bool drifted)
    {
        var random = new Random(seed);
        var text = new StringBuilder("amount,visits,plan,active\n");
        for (int r = 0; r < rows; r++)
        {
            double amount = 50 + 10 * Normal(random) + (drifted ? 10 : 0);
            int visits = random.Next(21);
            string plan = Pick(random, drifted ? Reweighted : Shares);
            string active = random.NextDouble() < 0.6 ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $"{amount:F3},{visits},{plan},{active}\n");
        }
        return _files.Write(name, text.ToString());
    }

    static string Pick(Random random, double[] shares)
    {
        double u = random.NextDouble();
        for (int i = 0; i < shares.Length - 1; i++)
            if ((u -= shares[i]) < 0) return Plans[i];
        return Plans[^1];
    }

    static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public string TempPath(string name) => _files.PathOf(name);

    public void Dispose()
    {
        Model.Dispose();
        _files.Dispose();
    }
}
