using SynthData.Core.Model;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Core.Tests.Tabular;
using SynthData.Core.Tests.TestSupport;

namespace SynthData.Core.Tests.Model.Training;

/// <summary>One short DP training run on samples/bank-marketing.csv, shared by the pipeline and generation tests.</summary>
public sealed class SampleModelFixture : IDisposable
{
    public const double TargetEpsilon = 3.0;
    readonly TestFiles _files = new();

    public string DataPath { get; } = TestFiles.Sample("bank-marketing.csv");
    public TrainingInput Input { get; }
    public TrainingConfiguration Configuration { get; } = new()
    {
        Epsilon = TargetEpsilon,
        Epochs = 2,
        BatchSize = 256,
        Seed = 7,
        // Replayable, so the tests that read this model are reproducible; the model is labelled NOT PRIVATE.
        Randomness = RandomnessMode.ReproducibleInsecure,
        Model = new VaeOptions { EncoderHidden = [64], DecoderHidden = [64], LatentDim = 16 },
    };
    public string ArtifactPath { get; }
    public TrainedModel Model { get; }
    public List<RunProgress> Progress { get; } = [];

    public SampleModelFixture()
    {
        using var reader = TableReaders.Open(DataPath);
        Input = new TrainingInput(DataPath, SchemaResolver.Resolve(reader, SchemaFile.Load(TestFiles.Sample("bank-marketing.schema.json"))),
            TestKeys.Fingerprint);
        ArtifactPath = _files.PathOf("sample.model");
        Model = TrainingPipeline.Run(Input, Configuration, ArtifactPath, new InlineProgress<RunProgress>(Progress.Add));
    }

    public string TempPath(string name) => _files.PathOf(name);

    public void Dispose()
    {
        Model.Dispose();
        _files.Dispose();
    }
}
